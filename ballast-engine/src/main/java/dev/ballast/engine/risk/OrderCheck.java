package dev.ballast.engine.risk;

import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

/**
 * An order under check at one scope, with everything the rules need, worked out once by the
 * RiskManager: the order and its instrument, the price it is valued at, the account's equity and
 * buying power, the scope's figures and limits. Immutable.
 *
 * @param referencePrice the price the order is valued at (limit, stop, else last), or {@code null}
 * @param lastPrice      the last market price of the symbol, or {@code null}
 * @param now            engine time of the check
 */
public record OrderCheck(Order order, Instrument instrument, Price referencePrice, Price lastPrice, long now,
                         Money equity, Money buyingPower, RiskScope scope, ScopeFigures figures, RiskLimits limits) {

    /** The signed quantity of the order (positive buys). */
    public long signedQuantity() {
        return order.side().sign() * order.quantity().raw();
    }

    public long position() {
        return figures.position();
    }

    public long openSameSide() {
        return figures.openSameSide();
    }

    public long exposureIncrease() {
        return figures.exposureIncrease();
    }

    /** The absolute position if this order and every open order on its side filled. */
    public long worstCasePosition() {
        return Math.abs(figures.position() + figures.openSameSide() + signedQuantity());
    }

    public boolean onlyReduces() {
        return figures.exposureIncrease() == 0;
    }

    /** Notional of {@code rawQuantity} at the reference price (which the caller checked is there). */
    public Money notionalOf(long rawQuantity) {
        return Money.notional(Quantity.ofRaw(rawQuantity), referencePrice, instrument.multiplier());
    }

    /** "account" or "strategy X", for deny details. */
    public String scopeName() {
        return scope.toString();
    }
}
