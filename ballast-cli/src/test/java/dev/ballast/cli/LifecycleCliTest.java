package dev.ballast.cli;

import java.io.UncheckedIOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.cli.generate.StrategyRegistry;
import dev.ballast.cli.lifecycle.BacktestGate;
import dev.ballast.cli.lifecycle.GateConfig;
import dev.ballast.cli.lifecycle.Lifecycle;
import dev.ballast.cli.lifecycle.LifecycleState;
import dev.ballast.runtime.TimeWindow;
import dev.ballast.engine.data.MarketDataFiles;
import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.examples.SmaCrossover;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.MarketData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle end to end: a document strategy in a temporary registry, synthetic data, the backtest
 * gate, a real paper run for the probation, the commands and their exit codes.
 */
class LifecycleCliTest {
    private static final String ID = "sma_doc";
    private static final List<String> SYMBOLS = List.of("SYM000", "SYM001", "SYM002");
    private static final String DOCUMENT = """
            version: 1
            id: sma_doc
            universe: [SYM000, SYM001, SYM002]
            timeframe: 1d
            entry: {longWhen: "crosses_above(sma(close, 5), sma(close, 20))"}
            exit: {longWhen: "crosses_below(sma(close, 5), sma(close, 20))"}
            sizing: {mode: fixed, quantity: 10}
            """;

    @TempDir
    Path dir;
    Path registry;

    @BeforeEach
    void setUp() {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "3", "--bars", "400", "--seed", "11", "--out", dir.resolve("bars.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        registry = dir.resolve("registry");
        StrategyRegistry reg = new StrategyRegistry(registry);
        StrategyRegistry.Reservation r = reg.reserve(ID);
        reg.write(r, DOCUMENT, new ObjectMapper().createObjectNode(), "generate", Instant.parse("2026-01-01T00:00:00Z"), s -> s);
    }

    private Path gate(String thresholds, String probation) throws IOException {
        Path gate = dir.resolve("gate.yaml");
        Files.writeString(gate, """
                data: {files: [bars.csv]}
                initialCash: 100000
                broker:
                  slippage: {model: fixed, bps: 2}
                  commission: {model: per-share, perShare: 0.005, minimum: 1}
                thresholds: %s
                probation: %s
                """.formatted(thresholds, probation));
        return gate;
    }

    private static final String LENIENT = "{minTrades: 1, maxDrawdownPct: 50, minOutOfSampleSharpe: -100, outOfSamplePct: 30}";
    private static final String PROBATION = "{minDays: 30, minTrades: 1, maxTrackingErrorPct: 5, initialCapitalFraction: 0.1}";

    private CliRun promote(String... args) {
        List<String> all = new ArrayList<>(List.of("strategy", "promote", ID, "--registry", registry.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private JsonNode state() throws IOException {
        return new ObjectMapper().readTree(registry.resolve(ID).resolve("state.json").toFile());
    }

    @Test
    void backtestGatePassesAndRecordsTheFigures() throws IOException {
        CliRun run = promote("--gate", gate(LENIENT, PROBATION).toString(), "--by", "alice");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("sma_doc: CANDIDATE -> BACKTESTED (backtest gate passed)", "trades", "outOfSampleSharpe");
        JsonNode state = state();
        assertThat(state.get("state").asText()).isEqualTo("BACKTESTED");
        JsonNode last = state.get("history").get(1);
        assertThat(last.get("by").asText()).isEqualTo("alice");
        assertThat(last.get("figures").get("trades").asInt()).isPositive();
        assertThat(last.get("figures").get("lookaheadDifferences").asInt()).isZero();
        assertThat(last.get("figures").get("lookaheadCuts").asInt()).isEqualTo(3);
        assertThat(last.get("figures").has("maxDrawdownPct")).isTrue();
        assertThat(last.get("figures").has("outOfSampleSharpe")).isTrue();
    }

    @Test
    void tooFewTradesFailsTheGateAndStaysCandidate() throws IOException {
        CliRun run = promote("--gate", gate("{minTrades: 100000, maxDrawdownPct: 50, minOutOfSampleSharpe: -100}", PROBATION).toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(BallastCli.GATE_FAILED);
        assertThat(run.out()).contains("sma_doc stays CANDIDATE", "too few trades", "at least 100000");
        JsonNode state = state();
        assertThat(state.get("state").asText()).isEqualTo("CANDIDATE");
        assertThat(state.get("history")).hasSize(2);
        assertThat(state.get("history").get(1).get("reason").asText()).contains("backtest gate failed", "too few trades");
    }

    @Test
    void deepDrawdownFailsTheGate() throws IOException {
        CliRun run = promote("--gate", gate("{minTrades: 1, maxDrawdownPct: 0.0001, minOutOfSampleSharpe: -100}", PROBATION).toString());

        assertThat(run.exitCode()).isEqualTo(BallastCli.GATE_FAILED);
        assertThat(run.out()).contains("drawdown too deep").doesNotContain("too few trades", "Sharpe too low");
        assertThat(state().get("state").asText()).isEqualTo("CANDIDATE");
    }

    @Test
    void lowOutOfSampleSharpeFailsTheGate() throws IOException {
        CliRun run = promote("--gate", gate("{minTrades: 1, maxDrawdownPct: 50, minOutOfSampleSharpe: 50, outOfSamplePct: 40}", PROBATION).toString());

        assertThat(run.exitCode()).isEqualTo(BallastCli.GATE_FAILED);
        assertThat(run.out()).contains("out-of-sample Sharpe too low", "at least 50").doesNotContain("drawdown too deep");
        assertThat(state().get("state").asText()).isEqualTo("CANDIDATE");
    }

    /** Buys when the close five bars ahead is higher, sells when lower: it sees the future through the data it was given. */
    static final class Peeker implements Strategy {
        private final Map<Symbol, List<Bar>> bars;
        private final Map<Symbol, Integer> index = new HashMap<>();
        private StrategyContext ctx;

        Peeker(Map<Symbol, List<Bar>> bars) {
            this.bars = bars;
        }

        @Override
        public void onStart(StrategyContext context) {
            ctx = context;
        }

        @Override
        public void onBar(Bar bar) {
            List<Bar> list = bars.get(bar.symbol());
            int i = index.merge(bar.symbol(), 1, Integer::sum) - 1;
            if (list == null || i + 5 >= list.size()) return;
            double future = list.get(i + 5).close().toDouble();
            boolean holding = ctx.position(bar.symbol()).isLong();
            if (future > bar.close().toDouble() && !holding) ctx.submit(OrderRequest.market(bar.symbol(), OrderSide.BUY, Quantity.ofUnits(10)));
            if (future < bar.close().toDouble() && holding) {
                ctx.submit(OrderRequest.market(bar.symbol(), OrderSide.SELL, ctx.position(bar.symbol()).quantity()));
            }
        }
    }

    /** The gate's own plan with the strategy replaced by {@code strategy(window)}: the same runs, the same comparison. */
    private BacktestGate.Trace trace(long cut, Function<TimeWindow, Strategy> strategy) throws IOException {
        GateConfig gate = GateConfig.load(gate(LENIENT, PROBATION));
        RunPlan plan = gate.plan(ID, registry.resolve(ID).resolve("strategy.yaml"), SYMBOLS, dir.resolve("work"));
        TimeWindow window = cut == Long.MAX_VALUE ? TimeWindow.ALL : TimeWindow.before(cut);
        RunPlan swapped = new RunPlan(plan.configFile(), plan.name(), plan.initialCash(), plan.output(), plan.dataKind(), plan.dataFiles(),
                plan.csvOptions(), plan.instruments(), List.of(new StrategySpec(StrategyId.of("java"), strategy.apply(window),
                SYMBOLS.stream().map(Symbol::of).toList())), plan.broker(), plan.risk(), plan.isolation(), plan.paperSpeed(),
                plan.metricsPort(), plan.statistics(), plan.alertBands(), Map.of());
        List<String> fatal = new ArrayList<>();
        BacktestGate.Trace trace = BacktestGate.Trace.of(BacktestGate.backtest(swapped, window, fatal));
        assertThat(fatal).isEmpty();
        return trace;
    }

    private Map<Symbol, List<Bar>> barsIn(TimeWindow window) throws IOException {
        RunPlan plan = GateConfig.load(gate(LENIENT, PROBATION)).plan(ID, registry.resolve(ID).resolve("strategy.yaml"), SYMBOLS, dir.resolve("work"));
        Map<Symbol, List<Bar>> bars = new HashMap<>();
        try (MarketDataSource source = window.apply(MarketDataFiles.openAll(plan.dataFiles(), plan.dataKind(), plan.csvOptions()))) {
            for (MarketData event = source.next(); event != null; event = source.next()) {
                if (event instanceof Bar bar) bars.computeIfAbsent(bar.symbol(), s -> new ArrayList<>()).add(bar);
            }
        }
        return bars;
    }

    private List<Long> cuts() throws IOException {
        RunPlan plan = GateConfig.load(gate(LENIENT, PROBATION)).plan(ID, registry.resolve(ID).resolve("strategy.yaml"), SYMBOLS, dir.resolve("work"));
        long[] span = BacktestGate.span(plan);
        return BacktestGate.cuts(span[0], span[1], 3);
    }

    @Test
    void lookaheadCheckCatchesAStrategyThatPeeks() throws IOException {
        List<String> differences = BacktestGate.lookahead(cuts(), cut -> {
            try {
                return trace(cut, window -> {
                    try {
                        return new Peeker(barsIn(window));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(differences).isNotEmpty();
        assertThat(differences.getFirst()).startsWith("lookahead: with the data cut at ").contains("differs");
    }

    @Test
    void lookaheadCheckPassesAnHonestJavaStrategy() throws IOException {
        List<String> differences = BacktestGate.lookahead(cuts(), cut -> {
            try {
                return trace(cut, window -> new SmaCrossover(SYMBOLS.stream().map(Symbol::of).toList(), 5, 20, Quantity.ofUnits(10)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(differences).isEmpty();
    }

    @Test
    void illegalTransitionsExitWithTwoAndSayWhatIsNeeded() throws IOException {
        CliRun paper = promote("--to", "PAPER", "--by", "bob");
        assertThat(paper.exitCode()).isEqualTo(2);
        assertThat(paper.err()).contains("sma_doc is CANDIDATE; PAPER needs BACKTESTED first");

        CliRun live = promote("--to", "LIVE", "--paper-run", dir.toString(), "--approved-by", "carol");
        assertThat(live.exitCode()).isEqualTo(2);
        assertThat(live.err()).contains("sma_doc is CANDIDATE; LIVE needs PAPER first");

        CliRun unknown = CliRun.of("strategy", "promote", "nope", "--registry", registry.toString(), "--gate", gate(LENIENT, PROBATION).toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no strategy nope");

        assertThat(state().get("history")).hasSize(1);
    }

    private Path paperRun(Path out) throws IOException {
        Path config = dir.resolve("paper.yaml");
        Files.writeString(config, """
                run: {name: paper, initialCash: 100000, output: paper-out}
                data: {files: [bars.csv]}
                strategies:
                  - id: sma_doc
                    type: document
                    symbols: [SYM000, SYM001, SYM002]
                    params: {file: %s}
                broker:
                  slippage: {model: fixed, bps: 2}
                  commission: {model: per-share, perShare: 0.005, minimum: 1}
                """.formatted(registry.resolve(ID).resolve("strategy.yaml").toAbsolutePath()));
        CliRun run = CliRun.of("paper", "-q", "--speed", "max", config.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    @Test
    void fullLifecycleThroughTheCommands() throws IOException {
        Path gate = gate(LENIENT, PROBATION);
        assertThat(promote("--gate", gate.toString()).exitCode()).isZero();
        CliRun noBy = promote("--to", "PAPER");
        assertThat(noBy.exitCode()).isEqualTo(2);
        assertThat(noBy.err()).contains("PAPER needs --by NAME");
        CliRun toPaper = promote("--to", "PAPER", "--by", "bob");
        assertThat(toPaper.exitCode()).as(toPaper.err()).isZero();
        assertThat(toPaper.out()).contains("sma_doc: BACKTESTED -> PAPER (by bob)");

        Path paper = paperRun(dir.resolve("paper-out"));
        CliRun blank = promote("--to", "LIVE", "--paper-run", paper.toString(), "--approved-by", "  ");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--approved-by NAME");
        CliRun live = promote("--to", "LIVE", "--paper-run", paper.toString(), "--approved-by", "carol", "--gate", gate.toString());
        assertThat(live.exitCode()).as(live.out() + live.err()).isZero();
        assertThat(live.out()).contains("sma_doc: PAPER -> LIVE (paper probation passed)", "trackingErrorPct", "registry state only");
        JsonNode state = state();
        assertThat(state.get("state").asText()).isEqualTo("LIVE");
        assertThat(state.get("capitalFraction").asDouble()).isEqualTo(0.1);
        assertThat(state.get("history").get(3).get("by").asText()).isEqualTo("carol");
        assertThat(state.get("history").get(3).get("figures").get("trackingErrorPct").asDouble()).isLessThanOrEqualTo(5.0);

        CliRun list = CliRun.of("strategies", "--registry", registry.toString());
        assertThat(list.exitCode()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("ID").contains("STATE", "CHANGED", "TRADES", "MAX DD %", "OOS SHARPE", "TE %", "CAPITAL");
        assertThat(lines.get(1)).startsWith("sma_doc").contains("LIVE", "carol", "0.10");
        assertThat(lines.get(1).indexOf("LIVE")).isEqualTo(lines.getFirst().indexOf("STATE"));

        CliRun retire = CliRun.of("strategy", "retire", ID, "--registry", registry.toString(), "--by", "dave", "--reason", "decayed");
        assertThat(retire.exitCode()).as(retire.err()).isZero();
        assertThat(retire.out()).contains("sma_doc: LIVE -> RETIRED (by dave: decayed)");
        assertThat(state().has("capitalFraction")).isFalse();
        CliRun again = CliRun.of("strategy", "retire", ID, "--registry", registry.toString(), "--by", "dave", "--reason", "twice");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("sma_doc is RETIRED; nothing leaves RETIRED");
    }

    @Test
    void probationFailsOnDurationTradesAndTrackingError() throws IOException {
        Path gate = gate(LENIENT, "{minDays: 100000, minTrades: 100000, maxTrackingErrorPct: 5}");
        assertThat(promote("--gate", gate.toString()).exitCode()).isZero();
        assertThat(promote("--to", "PAPER", "--by", "bob").exitCode()).isZero();
        Path paper = paperRun(dir.resolve("paper-out"));
        // Doctor the paper equity: every other row 3% higher, far from the backtest of the same period.
        List<String> rows = new ArrayList<>(Files.readAllLines(paper.resolve("equity.csv")));
        for (int i = 1; i < rows.size(); i += 2) {
            String[] parts = rows.get(i).split(",");
            rows.set(i, parts[0] + "," + (Double.parseDouble(parts[1]) * 1.03));
        }
        Files.write(paper.resolve("equity.csv"), rows);

        CliRun live = promote("--to", "LIVE", "--paper-run", paper.toString(), "--approved-by", "carol", "--gate", gate.toString());

        assertThat(live.exitCode()).isEqualTo(BallastCli.GATE_FAILED);
        assertThat(live.out()).contains("sma_doc stays PAPER", "paper run too short", "too few paper trades", "tracking error too high");
        JsonNode state = state();
        assertThat(state.get("state").asText()).isEqualTo("PAPER");
        assertThat(state.get("history").get(3).get("reason").asText()).contains("paper probation failed");
        assertThat(state.has("capitalFraction")).isFalse();
    }

    @Test
    void aBacktestRunIsNoPaperRun() throws IOException {
        Path gate = gate(LENIENT, PROBATION);
        assertThat(promote("--gate", gate.toString()).exitCode()).isZero();
        assertThat(promote("--to", "PAPER", "--by", "bob").exitCode()).isZero();
        Path config = dir.resolve("bt.yaml");
        Files.writeString(config, """
                run: {name: bt, initialCash: 100000, output: bt-out}
                data: {files: [bars.csv]}
                strategies:
                  - {id: other, type: sma-crossover, symbols: [SYM000], params: {fast: 5, slow: 20, quantity: 10}}
                """);
        assertThat(CliRun.of("backtest", "-q", config.toString()).exitCode()).isZero();

        CliRun live = promote("--to", "LIVE", "--paper-run", dir.resolve("bt-out").toString(), "--approved-by", "carol");

        assertThat(live.exitCode()).isEqualTo(BallastCli.GATE_FAILED);
        assertThat(live.out()).contains("is a backtest run, not a paper run", "did not run sma_doc");
    }

    @Test
    void emptyRegistryAndMissingGateAreClear() throws IOException {
        CliRun list = CliRun.of("strategies", "--registry", dir.resolve("none").toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("no strategies in");
        CliRun noGate = promote();
        assertThat(noGate.exitCode()).isEqualTo(2);
        assertThat(noGate.err()).contains("BACKTESTED needs --gate GATE.yaml");
        Files.writeString(dir.resolve("bad.yaml"), "data: {files: [bars.csv]}\ninitialCash: 1000\nthresholds: {minTradez: 3}\n");
        CliRun bad = promote("--gate", dir.resolve("bad.yaml").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown key thresholds.minTradez");
    }
}
