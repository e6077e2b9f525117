package dev.ballast.cli.lifecycle;

import java.math.BigDecimal;
import dev.ballast.model.EpochNanos;

import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.StrategyDocumentLoader;
import dev.ballast.runtime.Run;
import dev.ballast.runtime.RunOutcome;
import dev.ballast.model.RunMode;
import dev.ballast.runtime.TimeWindow;
import dev.ballast.engine.data.MarketDataFiles;
import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.Order;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The backtest gate between CANDIDATE and BACKTESTED. For a registry strategy and a {@link GateConfig}:
 * <ol>
 * <li>The data's time span [first, last] is split at {@code last - span * outOfSamplePct / 100}: events before
 * the split are in-sample, events at or after it out-of-sample. Three backtests run: the full data, the
 * in-sample part and the out-of-sample part (each from the initial cash, indicators warming up afresh).</li>
 * <li>Figures: {@code trades} = closed round-trip trades of the full run; {@code maxDrawdownPct} = the full
 * run's maximum drawdown in percent of peak equity; {@code outOfSampleSharpe} = the Sharpe ratio of the
 * out-of-sample run (daily returns, annualized, as in the run's analytics). In-sample figures are recorded
 * for information.</li>
 * <li>Lookahead check: K cut times evenly spaced inside the span ({@code first + span * i / (K + 1)}); for each,
 * a run on the data before the cut. Every order created before the cut (id, strategy, symbol, side, quantity)
 * and every fill before the cut (order id, symbol, side, quantity, price) must be identical in the truncated
 * run and the full run. A difference means a decision before the cut depended on data after it.</li>
 * </ol>
 * The gate passes when the three thresholds hold and the lookahead check finds no difference.
 */
public final class BacktestGate {
    private BacktestGate() {}

    /** What the gate found: passed, why not (empty when passed), the figures. */
    public record Result(boolean passed, List<String> reasons, Map<String, Object> figures) {
    }

    /** An order as the lookahead check compares it. */
    public record OrderLine(String id, String strategy, String symbol, String side, String quantity, long created) {
        @Override
        public String toString() {
            return "order " + id + " " + side + " " + quantity + " " + symbol + " at " + time(created);
        }
    }

    /** A fill as the lookahead check compares it. */
    public record FillLine(String orderId, String symbol, String side, String quantity, String price, long time) {
        @Override
        public String toString() {
            return "fill of " + orderId + " " + side + " " + quantity + " " + symbol + " @ " + price + " at " + BacktestGate.time(time);
        }
    }

    /** A run's orders and fills, in the order they happened. */
    public record Trace(List<OrderLine> orders, List<FillLine> fills) {
        /** The orders created and fills made before {@code cut}. */
        public Trace before(long cut) {
            return new Trace(orders.stream().filter(o -> o.created() < cut).toList(),
                    fills.stream().filter(f -> f.time() < cut).toList());
        }

        public static Trace of(RunOutcome outcome) {
            List<OrderLine> orders = new ArrayList<>();
            for (Order order : outcome.engine().orders().orders()) {
                orders.add(new OrderLine(order.id().value(), order.strategyId().value(), order.symbol().value(),
                        order.side().name(), order.quantity().toString(), order.createdAt()));
            }
            List<FillLine> fills = new ArrayList<>();
            for (FillBooked booked : outcome.fills()) {
                var fill = booked.fill();
                fills.add(new FillLine(fill.orderId().value(), fill.symbol().value(), fill.side().name(),
                        fill.quantity().toString(), fill.price().toString(), fill.timestamp()));
            }
            return new Trace(List.copyOf(orders), List.copyOf(fills));
        }
    }

    /**
     * The lookahead comparison: {@code run} gives the trace of a run on the data before a time (Long.MAX_VALUE
     * for all of it); each cut's truncated trace must equal the full trace before that cut. Returns the
     * differences found (empty when none), at most a few per cut.
     */
    public static List<String> lookahead(List<Long> cuts, LongFunction<Trace> run) {
        Trace full = run.apply(Long.MAX_VALUE);
        List<String> differences = new ArrayList<>();
        for (long cut : cuts) differences.addAll(compare(full, run.apply(cut), cut));
        return differences;
    }

    /** The differences between {@code full} and {@code truncated} before {@code cut}. */
    public static List<String> compare(Trace full, Trace truncated, long cut) {
        Trace expected = full.before(cut);
        Trace actual = truncated.before(cut);
        List<String> differences = new ArrayList<>();
        diff("order", expected.orders(), actual.orders(), cut, differences);
        diff("fill", expected.fills(), actual.fills(), cut, differences);
        return differences;
    }

    private static void diff(String what, List<?> expected, List<?> actual, long cut, List<String> out) {
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            Object e = i < expected.size() ? expected.get(i) : null;
            Object a = i < actual.size() ? actual.get(i) : null;
            if (e != null && e.equals(a)) continue;
            out.add("lookahead: with the data cut at " + time(cut) + ", " + what + " #" + (i + 1) + " differs: full run has "
                    + (e == null ? "none" : e) + ", truncated run has " + (a == null ? "none" : a));
            return; // the first difference per list and cut is enough to show it
        }
    }

    /** The cut times: {@code k} points evenly spaced strictly inside [first, last]. */
    public static List<Long> cuts(long first, long last, int k) {
        List<Long> cuts = new ArrayList<>();
        double span = (double) last - first;
        for (int i = 1; i <= k; i++) cuts.add(first + (long) (span * i / (k + 1)));
        return cuts;
    }

    /** Where the out-of-sample part starts: the last {@code pct}% of the span. */
    public static long split(long first, long last, double pct) {
        return last - (long) (((double) last - first) * pct / 100.0);
    }

    /** The first and last timestamps of the plan's data. */
    public static long[] span(RunPlan plan) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (MarketDataSource source = MarketDataFiles.openAll(plan.dataFiles(), plan.dataKind(), plan.csvOptions())) {
            for (MarketData event = source.next(); event != null; event = source.next()) {
                first = Math.min(first, event.timestamp());
                last = Math.max(last, event.timestamp());
            }
        }
        if (first > last) throw new ConfigException("the gate's data files hold no market data");
        return new long[] {first, last};
    }

    /** Runs a backtest of {@code plan} over {@code window}; a fatal engine error is collected into {@code fatal}. */
    public static RunOutcome backtest(RunPlan plan, TimeWindow window, List<String> fatal) {
        return Run.of(plan, RunMode.BACKTEST).window(window).onFatal(fatal::add).build().execute();
    }

    /** Runs the gate for registry strategy {@code id}; {@code workDir} holds the generated run configuration. */
    public static Result evaluate(Lifecycle lifecycle, String id, GateConfig gate, Path workDir) {
        Path document = lifecycle.document(id);
        StrategyDocumentLoader.LoadResult loaded = StrategyDocumentLoader.load(document);
        if (!loaded.valid()) {
            return new Result(false, List.of(document + " is not a valid strategy document: " + String.join("; ", loaded.errors())), Map.of());
        }
        List<String> symbols = loaded.document().universe();
        GateConfig.Thresholds t = gate.thresholds();
        List<String> fatal = new ArrayList<>();
        long[] span = span(gate.plan(id, document, symbols, workDir));
        long split = split(span[0], span[1], t.outOfSamplePct());

        RunOutcome full = backtest(gate.plan(id, document, symbols, workDir), TimeWindow.ALL, fatal);
        RunOutcome inSample = backtest(gate.plan(id, document, symbols, workDir), TimeWindow.before(split), fatal);
        RunOutcome outOfSample = backtest(gate.plan(id, document, symbols, workDir), TimeWindow.from(split), fatal);
        List<Long> cuts = cuts(span[0], span[1], t.lookaheadCuts());
        Trace fullTrace = Trace.of(full);
        List<String> lookahead = lookahead(cuts, cut -> cut == Long.MAX_VALUE ? fullTrace
                : Trace.of(backtest(gate.plan(id, document, symbols, workDir), TimeWindow.before(cut), fatal)));

        int trades = nz(full.analytics().account().numberOfTrades());
        double drawdownPct = full.result().maxDrawdownFraction() * 100.0;
        Double oosSharpe = outOfSample.analytics().account().sharpe();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("trades", trades);
        figures.put("maxDrawdownPct", round(drawdownPct));
        figures.put("outOfSampleSharpe", oosSharpe == null ? null : round(oosSharpe));
        figures.put("inSampleSharpe", inSample.analytics().account().sharpe() == null ? null : round(inSample.analytics().account().sharpe()));
        figures.put("inSampleTrades", nz(inSample.analytics().account().numberOfTrades()));
        figures.put("outOfSampleTrades", nz(outOfSample.analytics().account().numberOfTrades()));
        figures.put("totalReturnPct", round(full.result().totalReturn() * 100.0));
        figures.put("outOfSampleFrom", time(split));
        figures.put("dataFrom", time(span[0]));
        figures.put("dataTo", time(span[1]));
        figures.put("lookaheadCuts", cuts.size());
        figures.put("lookaheadDifferences", lookahead.size());

        List<String> reasons = new ArrayList<>();
        if (trades < t.minTrades()) reasons.add("too few trades: " + trades + " closed trades, the gate needs at least " + t.minTrades());
        if (drawdownPct > t.maxDrawdownPct()) {
            reasons.add(String.format(Locale.ROOT, "drawdown too deep: max drawdown %.2f%%, the gate allows at most %s%%", drawdownPct, plain(t.maxDrawdownPct())));
        }
        if (oosSharpe == null) {
            reasons.add("out-of-sample Sharpe is undefined (no variation in the out-of-sample returns); the gate needs at least " + plain(t.minOutOfSampleSharpe()));
        } else if (oosSharpe < t.minOutOfSampleSharpe()) {
            reasons.add(String.format(Locale.ROOT, "out-of-sample Sharpe too low: %.3f, the gate needs at least %s", oosSharpe, plain(t.minOutOfSampleSharpe())));
        }
        reasons.addAll(lookahead);
        for (String message : fatal) reasons.add("a run failed: " + message);
        return new Result(reasons.isEmpty(), List.copyOf(reasons), figures);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String time(long nanos) {
        return EpochNanos.toInstant(nanos).toString();
    }
}
