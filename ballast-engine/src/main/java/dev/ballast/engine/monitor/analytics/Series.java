package dev.ballast.engine.monitor.analytics;

import java.util.Arrays;

/**
 * A time series of doubles (equity), one point per distinct time: recording again at the last time
 * replaces that point. Times are epoch nanoseconds, non-decreasing. Not thread-safe.
 */
public final class Series {
    private long[] times = new long[256];
    private double[] values = new double[256];
    private int size;

    public static Series of(long[] times, double[] values) {
        Series series = new Series();
        for (int i = 0; i < times.length; i++) series.record(times[i], values[i]);
        return series;
    }

    public void record(long time, double value) {
        if (size > 0 && times[size - 1] == time) {
            values[size - 1] = value;
            return;
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = time;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public long time(int index) {
        return times[index];
    }

    public double value(int index) {
        return values[index];
    }
}
