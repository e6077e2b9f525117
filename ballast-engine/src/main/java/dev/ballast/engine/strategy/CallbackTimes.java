package dev.ballast.engine.strategy;

/**
 * How long one strategy's callbacks took, as a log-linear histogram: 16 buckets for each power of two of
 * nanoseconds, so a percentile read from it is within 1/16 (6.25 %) above the true value, and recording is an
 * array increment, with no allocation. Every callback is counted; the ones timed may be a sample ({@link #skip}):
 * a clock read costs about as much as a short callback, and a backtest runs millions of them. Informational only:
 * nothing that trades reads it.
 *
 * <p>Threading: {@link #record} is called by the one thread that runs the strategy's callbacks at a time;
 * {@link #summary} is meant for after the strategies have stopped (the engine thread, or a joined strategy
 * thread, then sees every count). Read while callbacks still run, it sees some recent counts or not.
 */
final class CallbackTimes {
    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    // Values below SUB_BUCKETS are exact; above, each power of two from 2^4 to 2^62 gets SUB_BUCKETS buckets.
    private static final int BUCKETS = SUB_BUCKETS + (63 - SUB_BUCKET_BITS) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long callbacks;
    private long timed;
    private long max;

    /** Records one timed callback's duration; a negative one (a clock that went back) counts as zero. */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[bucket(value)]++;
        callbacks++;
        timed++;
        if (value > max) max = value;
    }

    /** Counts one callback that was not timed. */
    void skip() {
        callbacks++;
    }

    /** The percentiles so far, of the timed callbacks. */
    CallbackTimeSummary summary() {
        return new CallbackTimeSummary(callbacks, timed, percentile(0.50), percentile(0.90), percentile(0.99), max);
    }

    private long percentile(double fraction) {
        if (timed == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(fraction * timed));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(upperBound(i), max);
        }
        return max;
    }

    static int bucket(long value) {
        if (value < SUB_BUCKETS) return (int) value;
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int shift = exponent - SUB_BUCKET_BITS;
        int sub = (int) (value >>> shift) & (SUB_BUCKETS - 1);
        return SUB_BUCKETS + shift * SUB_BUCKETS + sub;
    }

    /** The largest value that falls in bucket {@code index}. */
    static long upperBound(int index) {
        if (index < SUB_BUCKETS) return index;
        int shift = (index - SUB_BUCKETS) / SUB_BUCKETS;
        int sub = (index - SUB_BUCKETS) % SUB_BUCKETS;
        long lower = (long) (SUB_BUCKETS + sub) << shift;
        return lower + (1L << shift) - 1;
    }
}
