package dev.ballast.model;

/** Buy or sell. */
public enum OrderSide {
    BUY, SELL;

    /** +1 for a buy, -1 for a sell: the sign a fill of this side gives a position change. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    public OrderSide opposite() {
        return this == BUY ? SELL : BUY;
    }
}
