package dev.ballast.cli.run;

import dev.ballast.engine.strategy.CallbackTimeSummary;
import dev.ballast.model.StrategyId;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Each strategy's callback times (see {@link CallbackTimeSummary}) for the run summary and for results.json's
 * {@code callbackTimesUs}. Measured on the machine, they differ from run to run; they are there to show which
 * strategy is slow, and never decide anything.
 */
final class CallbackTimesOutput {
    private CallbackTimesOutput() {}

    /** {@code {"<strategy id>": {"callbacks", "p50", "p90", "p99", "max"}}}, times in microseconds. */
    static Map<String, Object> json(Map<StrategyId, CallbackTimeSummary> times) {
        Map<String, Object> map = new LinkedHashMap<>();
        times.forEach((strategy, summary) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("callbacks", summary.callbacks());
            entry.put("p50", micros(summary.p50Nanos()));
            entry.put("p90", micros(summary.p90Nanos()));
            entry.put("p99", micros(summary.p99Nanos()));
            entry.put("max", micros(summary.maxNanos()));
            map.put(strategy.value(), entry);
        });
        return map;
    }

    /** A table of the strategies' callback counts and times, with units that suit each figure. */
    static void print(PrintStream out, Map<StrategyId, CallbackTimeSummary> times) {
        if (times.isEmpty()) return;
        out.println();
        String format = "  %-16s %12s %10s %10s %10s %10s%n";
        out.printf(Locale.ROOT, format, "Callback times", "callbacks", "p50", "p90", "p99", "max");
        times.forEach((strategy, summary) -> out.printf(Locale.ROOT, format, strategy,
                String.format(Locale.ROOT, "%,d", summary.callbacks()), duration(summary.p50Nanos()),
                duration(summary.p90Nanos()), duration(summary.p99Nanos()), duration(summary.maxNanos())));
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0; // 0.1 µs: finer than the histogram's precision is noise
    }

    static String duration(long nanos) {
        if (nanos < 1_000) return nanos + " ns";
        if (nanos < 1_000_000) return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
