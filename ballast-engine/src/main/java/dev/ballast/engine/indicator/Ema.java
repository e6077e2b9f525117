package dev.ballast.engine.indicator;

/**
 * Exponential moving average with {@code alpha = 2 / (period + 1)}.
 *
 * <p>Seeding: the first value is the simple average of the first {@code period} values, and each later
 * value is {@code ema += alpha * (x - ema)}. Seeding with the SMA (rather than with the first value)
 * keeps the first output from being dominated by one arbitrary bar; this matches the classic
 * (StockCharts/TA-Lib) definition. Ready after {@code period} values. Not thread-safe: owned by one strategy.
 */
public final class Ema implements Indicator {
    private final int period;
    private final double alpha;
    private long count;
    private double seedSum;
    private double ema = Double.NaN;

    public Ema(int period) {
        if (period < 1) throw new IllegalArgumentException("EMA period must be at least 1, was " + period);
        this.period = period;
        this.alpha = 2.0 / (period + 1);
    }

    @Override
    public void update(double value) {
        count++;
        if (count < period) {
            seedSum += value;
        } else if (count == period) {
            seedSum += value;
            ema = seedSum / period;
        } else {
            ema += alpha * (value - ema);
        }
    }

    @Override
    public boolean isReady() {
        return count >= period;
    }

    @Override
    public double value() {
        return ema;
    }

    @Override
    public long count() {
        return count;
    }

    public int period() {
        return period;
    }

    /** The smoothing factor {@code 2 / (period + 1)}. */
    public double alpha() {
        return alpha;
    }
}
