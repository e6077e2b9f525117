package dev.ballast.engine.indicator;

/**
 * Makes the incremental indicators a strategy uses. Each indicator is updated by the strategy with
 * one value per bar in O(1) and allocates nothing on update. Stateless factory.
 */
public final class Indicators {
    public static final Indicators INSTANCE = new Indicators();

    private Indicators() {}

    public Sma sma(int period) {
        return new Sma(period);
    }

    public Ema ema(int period) {
        return new Ema(period);
    }

    public Rsi rsi(int period) {
        return new Rsi(period);
    }

    public RollingStdDev stdDev(int period) {
        return new RollingStdDev(period);
    }

    public RateOfChange rateOfChange(int period) {
        return new RateOfChange(period);
    }
}
