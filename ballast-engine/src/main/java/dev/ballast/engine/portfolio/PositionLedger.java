package dev.ballast.engine.portfolio;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Money;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

/**
 * The exact books of one position (one symbol, one owner): signed quantity, signed cost basis and
 * realized P&L, all in raw fixed-point units. A fill's notional is rounded once; when a fill closes
 * part of a position the released cost is the pro-rata share of the basis, and the rest of the
 * notional opens the new side, so that for every ledger
 * {@code -sum(signed notional) = realized - cost basis} holds exactly.
 *
 * <p>Owned by the engine thread; not thread-safe.
 */
final class PositionLedger {
    private final Symbol symbol;
    private final long multiplier;
    private long quantity;
    private long costBasis;
    private long realized;

    PositionLedger(Symbol symbol, long multiplier) {
        this.symbol = symbol;
        this.multiplier = multiplier;
    }

    /**
     * Applies a fill of {@code signedQuantity} (positive buys) at {@code price} whose signed notional
     * {@code notional} (quantity x price x multiplier) the caller computed once.
     *
     * @return the P&L this fill realized
     */
    long apply(long signedQuantity, long price, long notional) {
        long realizedNow = 0;
        if (quantity == 0 || Long.signum(quantity) == Long.signum(signedQuantity)) {
            quantity = Math.addExact(quantity, signedQuantity);
            costBasis = Math.addExact(costBasis, notional);
            return 0;
        }
        long closing = Math.min(Math.abs(signedQuantity), Math.abs(quantity));
        long closingSigned = Long.signum(signedQuantity) * closing;
        // The notional of the closing part; the remainder of the fill's notional opens the other side.
        long closingNotional = closing == Math.abs(signedQuantity)
                ? notional
                : FixedPoint.notional(closingSigned, price, multiplier);
        long released = closing == Math.abs(quantity)
                ? costBasis
                : FixedPoint.mulDivExact(costBasis, closing, Math.abs(quantity));
        // Closing a long sells (closingNotional < 0): proceeds -closingNotional minus released basis.
        realizedNow = Math.subtractExact(Math.negateExact(closingNotional), released);
        realized = Math.addExact(realized, realizedNow);
        costBasis = Math.subtractExact(costBasis, released);
        quantity = Math.addExact(quantity, closingSigned);
        long opening = signedQuantity - closingSigned;
        if (opening != 0) {
            quantity = Math.addExact(quantity, opening);
            costBasis = Math.addExact(costBasis, Math.subtractExact(notional, closingNotional));
        }
        return realizedNow;
    }

    /** Empties the ledger, to re-apply a position's surviving fills after a trade was corrected or busted. */
    void reset() {
        quantity = 0;
        costBasis = 0;
        realized = 0;
    }

    long quantity() {
        return quantity;
    }

    long costBasis() {
        return costBasis;
    }

    long realized() {
        return realized;
    }

    /** Signed market value at {@code price} (raw), or 0 when flat. */
    long marketValue(long price) {
        return quantity == 0 ? 0 : FixedPoint.notional(quantity, price, multiplier);
    }

    Position toPosition(long lastPrice, boolean hasPrice) {
        Price average = quantity == 0 ? null
                : Price.ofRaw(FixedPoint.divide(costBasis, Math.multiplyExact(quantity, multiplier)));
        long unrealized = hasPrice ? marketValue(lastPrice) - costBasis : 0;
        return new Position(symbol, Quantity.ofRaw(quantity), Money.ofRaw(costBasis), average, Money.ofRaw(realized),
                Money.ofRaw(unrealized), hasPrice ? Price.ofRaw(lastPrice) : null);
    }
}
