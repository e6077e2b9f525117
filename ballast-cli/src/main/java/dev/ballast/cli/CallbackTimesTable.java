package dev.ballast.cli;

import dev.ballast.engine.strategy.CallbackTimeSummary;
import dev.ballast.model.StrategyId;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The run summary's table of each strategy's callback times (see {@link CallbackTimeSummary}). Measured on the
 * machine, they differ from run to run; they are there to show which strategy is slow, and never decide anything.
 */
final class CallbackTimesTable {
    private CallbackTimesTable() {}

    /** A table of the strategies' callback counts and times, with units that suit each figure. */
    static void print(PrintStream out, Map<StrategyId, CallbackTimeSummary> times) {
        if (times.isEmpty()) return;
        out.println();
        String format = "  %-16s %12s %10s %10s %10s %10s%n";
        out.printf(Locale.ROOT, format, "Callback times", "callbacks", "p50", "p90", "p99", "max");
        times.forEach((strategy, summary) -> out.printf(Locale.ROOT, format, strategy,
                String.format(Locale.ROOT, "%,d", summary.callbacks()), duration(summary.p50Nanos()),
                duration(summary.p90Nanos()), duration(summary.p99Nanos()), duration(summary.maxNanos())));
        if (times.values().stream().anyMatch(CallbackTimeSummary::sampled)) {
            out.printf(Locale.ROOT, "  (times of a sample: one callback in %d of a backtest or a resume's re-execution, "
                    + "where timing each would cost as much as a short callback)%n", CallbackTimeSummary.BACKTEST_SAMPLE);
        }
    }

    static String duration(long nanos) {
        if (nanos < 1_000) return nanos + " ns";
        if (nanos < 1_000_000) return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
