package dev.ballast.engine.indicator;

/**
 * Makes the incremental indicators a strategy uses. Each indicator is updated by the strategy with
 * one value per bar in O(1) (amortized for the windowed ones) and allocates nothing on update.
 * Stateless factory, safe to share.
 */
public final class Indicators {
    public static final Indicators INSTANCE = new Indicators();

    private Indicators() {}

    public Sma sma(int period) {
        return new Sma(period);
    }

    /** SMA-seeded EMA; see {@link Ema}. */
    public Ema ema(int period) {
        return new Ema(period);
    }

    /** Wilder RSI over the default 14 changes. */
    public Rsi rsi() {
        return new Rsi();
    }

    public Rsi rsi(int period) {
        return new Rsi(period);
    }

    /** Sample standard deviation; see {@link RollingStdDev}. */
    public RollingStdDev stdDev(int period) {
        return new RollingStdDev(period);
    }

    public RateOfChange rateOfChange(int period) {
        return new RateOfChange(period);
    }

    public Highest highest(int period) {
        return new Highest(period);
    }

    public Lowest lowest(int period) {
        return new Lowest(period);
    }

    /** Wraps {@code source} so its last {@code depth} outputs can be read by bars ago. */
    public Lookback lookback(Indicator source, int depth) {
        return new Lookback(source, depth);
    }
}
