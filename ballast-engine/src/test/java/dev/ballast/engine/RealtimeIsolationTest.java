package dev.ballast.engine;

import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.data.InMemoryMarketDataSource;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.StrategyQuarantined;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strategy isolation in real time: each strategy on its own thread. One that spins on the CPU (and
 * ignores interruption) and one too slow for its inbox are quarantined while the engine and a normal
 * strategy carry on to the end of the data.
 */
class RealtimeIsolationTest {
    private static final Symbol AAA = Symbol.of("AAA");
    private static volatile boolean spinning = true;

    @org.junit.jupiter.api.BeforeEach
    void armSpinner() {
        spinning = true;
    }

    @AfterEach
    void releaseSpinner() {
        spinning = false;
    }

    private static List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        for (int day = 0; day < 200; day++) bars.add(EngineFixtures.bar(AAA, day, "100", "101", "99", "100.50", 1_000_000));
        return bars;
    }

    private static ScriptedStrategy normal() {
        return new ScriptedStrategy((ctx, i) -> {
            if (i % 10 == 0) ctx.submit(OrderRequest.market(AAA, OrderSide.BUY, Quantity.ofUnits(1)));
        });
    }

    /** 200 daily bars replayed at 10 ms a bar (about 2 s) with the given inbox capacity. */
    private static RunResult runRealTime(int inboxCapacity, List<StrategySpec> strategies) {
        List<Instrument> instruments = EngineFixtures.equities(AAA);
        double speed = Duration.ofDays(1).toNanos() / (double) Duration.ofMillis(10).toNanos();
        ReplayClock clock = new ReplayClock(speed);
        PaperBroker broker = new PaperBroker(clock, Map.of(AAA, instruments.getFirst()), EngineFixtures.frictionless());
        EngineSettings settings = new EngineSettings(RunMode.PAPER, Money.ofUnits(1_000_000), instruments,
                RiskLimits.defaults(), new IsolationPolicy(Duration.ofMillis(50), 100, 1_000, inboxCapacity));
        try (TradingEngine engine = new TradingEngine(settings, clock, broker, strategies, message -> {
            throw new AssertionError(message);
        })) {
            return RealtimeRunner.run(engine, InMemoryMarketDataSource.of(bars()), speed, ProgressListener.NONE);
        }
    }

    private static Map<StrategyId, StrategyQuarantined> quarantines(RunResult result) {
        return result.quarantines().stream().collect(Collectors.toMap(StrategyQuarantined::strategyId, Function.identity()));
    }

    private static void assertNormalRanToTheEnd(ScriptedStrategy normal, RunResult result) {
        assertThat(result.marketEvents()).isEqualTo(200);
        assertThat(normal.bars).hasSize(200);
        assertThat(normal.stopped).isTrue();
        assertThat(normal.fills).hasSizeGreaterThanOrEqualTo(19);
        assertThat(result.ledgerBalanced()).isTrue();
    }

    @Test
    void spinningStrategyIsQuarantinedForItsTimeWhileTheEngineCarriesOn() {
        ScriptedStrategy normal = normal();
        ScriptedStrategy spinner = new ScriptedStrategy((ctx, i) -> {
            if (i == 5) {
                long spins = 0;
                while (spinning) spins++;
                ctx.log("spun " + spins);
            }
        });
        // An inbox larger than the run, so the spinner can only be caught by its time budget (50 ms of
        // its own CPU time), however little CPU a loaded machine gives it.
        RunResult result = runRealTime(1_024, List.of(
                new StrategySpec(StrategyId.of("normal"), normal, List.of(AAA)),
                new StrategySpec(StrategyId.of("spinner"), spinner, List.of(AAA))));

        assertThat(quarantines(result)).containsOnlyKeys(StrategyId.of("spinner"));
        assertThat(quarantines(result).get(StrategyId.of("spinner")).reason()).isEqualTo(QuarantineReason.OVERRAN_TIME_BUDGET);
        assertNormalRanToTheEnd(normal, result);
    }

    @Test
    void strategyThatFallsBehindIsQuarantinedWhenItsInboxIsFull() {
        ScriptedStrategy normal = normal();
        // 25 ms a bar (within the budget) against a bar every 10 ms: it falls behind steadily, and a
        // 16-event inbox fills in about a quarter of a second.
        ScriptedStrategy laggard = new ScriptedStrategy((ctx, i) -> {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RunResult result = runRealTime(16, List.of(
                new StrategySpec(StrategyId.of("normal"), normal, List.of(AAA)),
                new StrategySpec(StrategyId.of("laggard"), laggard, List.of(AAA))));

        assertThat(quarantines(result)).containsOnlyKeys(StrategyId.of("laggard"));
        assertThat(quarantines(result).get(StrategyId.of("laggard")).reason()).isEqualTo(QuarantineReason.INBOX_OVERFLOW);
        assertNormalRanToTheEnd(normal, result);
    }
}
