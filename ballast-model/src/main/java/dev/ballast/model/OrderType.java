package dev.ballast.model;

/** How an order is priced: at market, at a limit, triggered at a stop, or a stop that then rests as a limit. */
public enum OrderType {
    MARKET, LIMIT, STOP, STOP_LIMIT;

    public boolean needsLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    public boolean needsStopPrice() {
        return this == STOP || this == STOP_LIMIT;
    }
}
