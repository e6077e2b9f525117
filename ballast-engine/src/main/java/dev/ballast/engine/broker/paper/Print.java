package dev.ballast.engine.broker.paper;

/**
 * The prices one side of the book can trade at on one market data event, reduced to a bar shape: a
 * bar as is, a trade tick as a one-price bar, a quote as a one-price bar at the ask (for buys) or the
 * bid (for sells). {@code market} is where a market order fills before slippage. Reused for every
 * event so working orders are checked without allocation. Engine thread only.
 */
final class Print {
    boolean valid;
    long open;
    long high;
    long low;
    long market;
    /** Volume available to cap fills, raw fixed point; {@code <= 0} means unknown: no cap. */
    long volume;

    void set(long open, long high, long low, long market, long volume) {
        this.valid = true;
        this.open = open;
        this.high = high;
        this.low = low;
        this.market = market;
        this.volume = volume;
    }

    void invalidate() {
        valid = false;
    }
}
