package dev.ballast.engine.indicator;

/**
 * The extreme (maximum or minimum) of the last {@code period} values, by a monotonic deque: each value
 * is pushed once and popped at most once, so O(1) amortized per update, with no allocation after
 * construction. Shared by {@link Highest} and {@link Lowest}. Not thread-safe.
 */
final class MonotonicWindow {
    private final int period;
    private final boolean keepMax;
    // Deque of (value, sequence) in a ring; at most `period` entries are ever live.
    private final double[] values;
    private final long[] sequences;
    private int head;
    private int size;
    private long count;

    MonotonicWindow(int period, boolean keepMax) {
        if (period < 1) throw new IllegalArgumentException("window period must be at least 1, was " + period);
        this.period = period;
        this.keepMax = keepMax;
        this.values = new double[period];
        this.sequences = new long[period];
    }

    void update(double value) {
        int capacity = values.length;
        // Drop from the back every value the new one dominates: it can never be the extreme again.
        while (size > 0) {
            int back = head + size - 1;
            if (back >= capacity) back -= capacity;
            double b = values[back];
            if (keepMax ? b <= value : b >= value) size--;
            else break;
        }
        // Expire the front when it has left the window.
        if (size > 0 && sequences[head] <= count - period) {
            head = head + 1 == capacity ? 0 : head + 1;
            size--;
        }
        int tail = head + size;
        if (tail >= capacity) tail -= capacity;
        values[tail] = value;
        sequences[tail] = count;
        size++;
        count++;
    }

    boolean isReady() {
        return count >= period;
    }

    double value() {
        return isReady() ? values[head] : Double.NaN;
    }

    long count() {
        return count;
    }

    int period() {
        return period;
    }
}
