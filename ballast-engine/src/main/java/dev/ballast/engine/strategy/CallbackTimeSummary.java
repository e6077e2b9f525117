package dev.ballast.engine.strategy;

/**
 * One strategy's callback times over a run: how many callbacks ran, how many of them were timed (all in real time;
 * in a backtest or a re-execution, where timing every callback would cost as much as a short callback, one in
 * {@value #BACKTEST_SAMPLE}), and the 50th, 90th and 99th percentiles and the maximum of the timed ones, in
 * nanoseconds of this machine's monotonic clock (a percentile is at most 6.25 % above the true value and never
 * above the maximum). Measured on the machine, so they differ from run to run; informational only, they never
 * decide anything. Immutable.
 */
public record CallbackTimeSummary(long callbacks, long timed, long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos) {
    /** In a backtest, one callback in this many is timed (a power of two). */
    public static final int BACKTEST_SAMPLE = 16;

    /** Whether only a sample of the callbacks was timed. */
    public boolean sampled() {
        return timed < callbacks;
    }
}
