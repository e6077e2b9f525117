package dev.ballast.runtime.results;

import dev.ballast.engine.strategy.CallbackTimeSummary;
import dev.ballast.model.StrategyId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * results.json's {@code callbackTimesUs}: each strategy's callback times (see {@link CallbackTimeSummary}).
 * Measured on the machine, they differ from run to run; they are there to show which strategy is slow, and never
 * decide anything.
 */
final class CallbackTimesJson {
    private CallbackTimesJson() {}

    /**
     * {@code {"<strategy id>": {"callbacks", "timed", "p50", "p90", "p99", "max"}}}, times in microseconds, of the
     * timed callbacks (all in real time, a sample in a backtest).
     */
    static Map<String, Object> of(Map<StrategyId, CallbackTimeSummary> times) {
        Map<String, Object> map = new LinkedHashMap<>();
        times.forEach((strategy, summary) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("callbacks", summary.callbacks());
            entry.put("timed", summary.timed());
            entry.put("p50", micros(summary.p50Nanos()));
            entry.put("p90", micros(summary.p90Nanos()));
            entry.put("p99", micros(summary.p99Nanos()));
            entry.put("max", micros(summary.maxNanos()));
            map.put(strategy.value(), entry);
        });
        return map;
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0; // 0.1 µs: finer than the histogram's precision is noise
    }
}
