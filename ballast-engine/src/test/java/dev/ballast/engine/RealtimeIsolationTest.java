package dev.ballast.engine;

import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.data.InMemoryMarketDataSource;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.ExecutionMode;
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

    @AfterEach
    void releaseSpinner() {
        spinning = false;
    }

    @Test
    void spinningAndLaggingStrategiesAreQuarantinedWhileTheEngineCarriesOn() {
        List<Bar> bars = new ArrayList<>();
        for (int day = 0; day < 200; day++) bars.add(EngineFixtures.bar(AAA, day, "100", "101", "99", "100.50", 1_000_000));

        ScriptedStrategy normal = new ScriptedStrategy((ctx, i) -> {
            if (i % 10 == 0) ctx.submit(OrderRequest.market(AAA, OrderSide.BUY, Quantity.ofUnits(1)));
        });
        ScriptedStrategy spinner = new ScriptedStrategy((ctx, i) -> {
            if (i == 5) {
                long spins = 0;
                while (spinning) spins++;
                ctx.log("spun " + spins);
            }
        });
        ScriptedStrategy laggard = new ScriptedStrategy((ctx, i) -> {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<StrategySpec> strategies = List.of(
                new StrategySpec(StrategyId.of("normal"), normal, List.of(AAA)),
                new StrategySpec(StrategyId.of("spinner"), spinner, List.of(AAA)),
                new StrategySpec(StrategyId.of("laggard"), laggard, List.of(AAA)));
        List<Instrument> instruments = EngineFixtures.equities(AAA);
        // 200 daily bars replayed at 10 ms a bar: the run lasts about 2 s. The spinner's inbox (16) would
        // take 160 ms to fill, well after the 50 ms budget; the laggard (25 ms a bar) falls behind steadily.
        double speed = Duration.ofDays(1).toNanos() / (double) Duration.ofMillis(10).toNanos();
        ReplayClock clock = new ReplayClock(speed);
        PaperBroker broker = new PaperBroker(clock, Map.of(AAA, instruments.getFirst()), EngineFixtures.frictionless());
        EngineSettings settings = new EngineSettings(ExecutionMode.REAL_TIME, Money.ofUnits(1_000_000), instruments,
                RiskLimits.defaults(), new IsolationPolicy(Duration.ofMillis(50), 100, 1_000, 16));

        RunResult result;
        try (TradingEngine engine = new TradingEngine(settings, clock, broker, strategies, message -> {
            throw new AssertionError(message);
        })) {
            result = RealtimeRunner.run(engine, InMemoryMarketDataSource.of(bars), speed, ProgressListener.NONE);
        }

        Map<StrategyId, StrategyQuarantined> quarantines = result.quarantines().stream()
                .collect(Collectors.toMap(StrategyQuarantined::strategyId, Function.identity()));
        assertThat(quarantines).containsOnlyKeys(StrategyId.of("spinner"), StrategyId.of("laggard"));
        assertThat(quarantines.get(StrategyId.of("spinner")).reason()).isEqualTo(QuarantineReason.OVERRAN_TIME_BUDGET);
        assertThat(quarantines.get(StrategyId.of("laggard")).reason()).isEqualTo(QuarantineReason.INBOX_OVERFLOW);
        assertThat(result.marketEvents()).isEqualTo(200);
        assertThat(normal.bars).hasSize(200);
        assertThat(normal.stopped).isTrue();
        assertThat(normal.fills).hasSizeGreaterThanOrEqualTo(19);
        assertThat(result.ledgerBalanced()).isTrue();
    }
}
