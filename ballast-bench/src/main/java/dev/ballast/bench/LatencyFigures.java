package dev.ballast.bench;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** HdrHistograms of nanosecond latencies and how the benchmarks print them (in µs). Not thread-safe. */
final class LatencyFigures {
    /** Longest latency recorded exactly; anything longer is clamped to it (and shows as the max). */
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private LatencyFigures() {
    }

    static Histogram histogram() {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
    }

    /** One line: {@code name: p50 … p99 … p99.9 … max … µs (n=…)}. */
    static String line(String name, Histogram h) {
        return String.format("%s: p50 %.1f p99 %.1f p99.9 %.1f max %.1f us (n=%d, mean %.1f)", name, micros(h.getValueAtPercentile(50)),
                micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()),
                h.getTotalCount(), h.getMean() / 1_000.0);
    }

    private static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}
