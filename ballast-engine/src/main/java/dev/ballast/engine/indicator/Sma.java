package dev.ballast.engine.indicator;

/** Simple moving average over the last {@code period} values, kept with a ring buffer and a running sum. */
public final class Sma implements Indicator {
    private final double[] window;
    private int next;
    private long count;
    private double sum;

    public Sma(int period) {
        if (period < 1) throw new IllegalArgumentException("SMA period must be at least 1, was " + period);
        this.window = new double[period];
    }

    @Override
    public void update(double value) {
        sum += value - window[next];
        window[next] = value;
        next = next + 1 == window.length ? 0 : next + 1;
        count++;
        // A running sum drifts by rounding error; recompute it exactly once per full cycle.
        if (next == 0) {
            double exact = 0;
            for (double v : window) exact += v;
            sum = exact;
        }
    }

    @Override
    public boolean isReady() {
        return count >= window.length;
    }

    @Override
    public double value() {
        return isReady() ? sum / window.length : Double.NaN;
    }

    @Override
    public long count() {
        return count;
    }

    public int period() {
        return window.length;
    }
}
