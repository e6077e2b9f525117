package dev.ballast.model;

/**
 * A position in one symbol at one moment, for one strategy or for the account.
 *
 * @param quantity       signed: positive long, negative short, zero flat
 * @param costBasis      signed cost of the open quantity (negative for a short)
 * @param averageCost    cost basis per unit, {@code null} when flat
 * @param realizedPnl    P&L realized by closing trades, before fees
 * @param unrealizedPnl  market value at {@code lastPrice} minus cost basis
 * @param lastPrice      the mark, {@code null} before any price was seen
 */
public record Position(Symbol symbol, Quantity quantity, Money costBasis, Price averageCost, Money realizedPnl,
                       Money unrealizedPnl, Price lastPrice) {

    public boolean isFlat() {
        return quantity.isZero();
    }

    public boolean isLong() {
        return quantity.raw() > 0;
    }

    public boolean isShort() {
        return quantity.raw() < 0;
    }
}
