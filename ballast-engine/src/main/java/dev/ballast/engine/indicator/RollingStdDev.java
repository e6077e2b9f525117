package dev.ballast.engine.indicator;

/**
 * Sample standard deviation (divisor {@code period - 1}) of the last {@code period} values.
 *
 * <p>Sample rather than population because the window is a sample of the process a strategy is
 * estimating (volatility), and the sample form is what spreadsheets and most libraries call "STDEV".
 * Kept with a sliding-window Welford update over a ring buffer: O(1) per value and far less prone to
 * cancellation than sum-of-squares. Values are taken relative to a shift (the window mean at the last
 * exact recomputation), so a high price level with small moves loses no precision. The small drift a
 * long run still accumulates is removed by an exact two-pass recomputation once per full cycle of the
 * ring (O(1) amortized).
 *
 * <p>Accuracy: within about 1e-9 relative of an exact recomputation, measured against the larger of
 * the current deviation and the deviations earlier in the same ring cycle. When volatility collapses
 * within one cycle (nearly equal values right after volatile ones) the error is relative to that
 * earlier, larger figure, since an O(1) update cannot avoid that cancellation; as the square root of
 * a variance with an absolute error near 1e-16 of the earlier variance, a deviation close to zero can
 * then read around 1e-8 of the earlier deviation. A window of exactly equal values is detected and
 * reads exactly 0.
 *
 * <p>Ready after {@code period} values. Not thread-safe: owned by one strategy.
 */
public final class RollingStdDev implements Indicator {
    private final double[] window;
    private int next;
    private long count;
    /** Subtracted from every value before the arithmetic; reset at each exact recomputation. */
    private double shift;
    /** Mean of the shifted values. */
    private double mean;
    /** Sum of squared deviations from {@link #mean} over the values in the window. */
    private double m2;
    /** Length of the current run of exactly equal values, to report a constant window as exactly 0. */
    private long equalRun;
    private double previous;

    /** @param period values in the window; at least 2, since a sample deviation needs two values */
    public RollingStdDev(int period) {
        if (period < 2) throw new IllegalArgumentException("standard deviation period must be at least 2, was " + period);
        this.window = new double[period];
    }

    @Override
    public void update(double value) {
        int n = window.length;
        if (count == 0) shift = value;
        equalRun = count > 0 && value == previous ? equalRun + 1 : 1;
        previous = value;
        double y = value - shift;
        if (count < n) {
            // Filling: plain Welford.
            long k = count + 1;
            double delta = y - mean;
            mean += delta / k;
            m2 += delta * (y - mean);
        } else {
            double old = window[next] - shift;
            double oldMean = mean;
            mean += (y - old) / n;
            m2 += (y - old) * (y - mean + old - oldMean);
        }
        window[next] = value;
        next = next + 1 == n ? 0 : next + 1;
        count++;
        if (next == 0) recompute();
    }

    private void recompute() {
        int n = window.length;
        double sum = 0;
        for (double v : window) sum += v;
        // The rounded mean becomes the shift; the mean of the shifted values is then small but not
        // zero, and must be kept exactly or every later Welford step inherits the rounding.
        double newShift = sum / n;
        double shiftedSum = 0;
        for (double v : window) shiftedSum += v - newShift;
        double shiftedMean = shiftedSum / n;
        double squares = 0;
        for (double v : window) {
            double d = (v - newShift) - shiftedMean;
            squares += d * d;
        }
        shift = newShift;
        mean = shiftedMean;
        m2 = squares;
    }

    @Override
    public boolean isReady() {
        return count >= window.length;
    }

    @Override
    public double value() {
        if (!isReady()) return Double.NaN;
        if (equalRun >= window.length) return 0.0;
        // Rounding can leave a tiny negative m2 for a constant window.
        return m2 <= 0 ? 0.0 : Math.sqrt(m2 / (window.length - 1));
    }

    /** The mean of the window, NaN until ready. */
    public double mean() {
        return isReady() ? shift + mean : Double.NaN;
    }

    @Override
    public long count() {
        return count;
    }

    public int period() {
        return window.length;
    }
}
