package dev.ballast.engine.indicator;

/**
 * Rate of change over {@code period} values: {@code x_t / x_(t-period) - 1} (0.05 means up 5%). Keeps
 * the last {@code period + 1} values in a ring. A zero base value gives an infinite or NaN result,
 * IEEE-style; prices are positive so this only matters for other series. Ready after
 * {@code period + 1} values. Not thread-safe: owned by one strategy.
 */
public final class RateOfChange implements Indicator {
    private final double[] window;
    private int next;
    private long count;

    public RateOfChange(int period) {
        if (period < 1) throw new IllegalArgumentException("rate of change period must be at least 1, was " + period);
        this.window = new double[period + 1];
    }

    @Override
    public void update(double value) {
        window[next] = value;
        next = next + 1 == window.length ? 0 : next + 1;
        count++;
    }

    @Override
    public boolean isReady() {
        return count >= window.length;
    }

    @Override
    public double value() {
        if (!isReady()) return Double.NaN;
        // After the write, `next` points at the oldest value: exactly period values back.
        int latest = next == 0 ? window.length - 1 : next - 1;
        return window[latest] / window[next] - 1.0;
    }

    @Override
    public long count() {
        return count;
    }

    public int period() {
        return window.length - 1;
    }
}
