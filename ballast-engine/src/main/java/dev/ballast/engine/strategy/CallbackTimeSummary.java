package dev.ballast.engine.strategy;

/**
 * One strategy's callback times over a run: how many callbacks ran and their 50th, 90th and 99th percentiles and
 * maximum, in nanoseconds of this machine's monotonic clock (a percentile is at most 6.25 % above the true value
 * and never above the maximum). Measured on the machine, so they differ from run to run; informational only, they
 * never decide anything. Immutable.
 */
public record CallbackTimeSummary(long callbacks, long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos) {
}
