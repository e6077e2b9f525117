package dev.ballast.engine.monitor;

import dev.ballast.model.Money;

import java.util.Arrays;

/**
 * The account's equity over time, one point per distinct engine timestamp (the last value at that
 * time wins), in primitive arrays so that millions of points cost no boxing. Tracks the high-water
 * mark and the maximum drawdown as it goes. Owned by the engine thread; not thread-safe.
 */
public final class EquityCurve {
    private long[] times = new long[1024];
    private long[] values = new long[1024];
    private int size;
    // High-water mark and drawdowns over the points before the last one, which a later value at the same
    // time may still replace; the figures including the last point are derived from these on each record.
    private long settledPeak = Long.MIN_VALUE;
    private long settledMaxDrawdown;
    private double settledMaxDrawdownFraction;
    private long peak = Long.MIN_VALUE;
    private long maxDrawdown;
    private double maxDrawdownFraction;

    /** Records equity {@code equityRaw} at {@code time}; a repeated time replaces the last point. */
    public void record(long time, long equityRaw) {
        if (size > 0 && times[size - 1] == time) {
            // Replaced: an intermediate value at this time (one symbol marked, the others not yet) must
            // not leave its trace in the peak or the drawdown, so start again from the settled figures.
            values[size - 1] = equityRaw;
        } else {
            if (size > 0) {
                settledPeak = peak;
                settledMaxDrawdown = maxDrawdown;
                settledMaxDrawdownFraction = maxDrawdownFraction;
            }
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            times[size] = time;
            values[size] = equityRaw;
            size++;
        }
        peak = Math.max(settledPeak, equityRaw);
        long drawdown = peak - equityRaw;
        maxDrawdown = Math.max(settledMaxDrawdown, drawdown);
        maxDrawdownFraction = settledMaxDrawdownFraction;
        if (peak > 0) {
            double fraction = (double) drawdown / peak;
            if (fraction > maxDrawdownFraction) maxDrawdownFraction = fraction;
        }
    }

    public int size() {
        return size;
    }

    public long time(int index) {
        return times[index];
    }

    public Money equity(int index) {
        return Money.ofRaw(values[index]);
    }

    /** Largest fall from a high-water mark, as an amount. */
    public Money maxDrawdown() {
        return Money.ofRaw(maxDrawdown);
    }

    /** Largest fall from a high-water mark, as a fraction of that mark (0.12 = 12%). */
    public double maxDrawdownFraction() {
        return maxDrawdownFraction;
    }
}
