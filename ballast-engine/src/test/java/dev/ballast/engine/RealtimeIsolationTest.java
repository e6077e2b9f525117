package dev.ballast.engine;

import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.data.InMemoryMarketDataSource;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategyExecutor;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.engine.strategy.StrategyState;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.StrategyFaulted;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.StrategyRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strategy isolation in real time: each strategy on its own thread. One that spins on the CPU (and
 * ignores interruption) is quarantined while the engine and a normal strategy carry on to the end of
 * the data; one too slow for its inbox is quarantined when it is full, the normal one unaffected.
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

    /** 200 daily bars replayed at 10 ms a bar (about 2 s) with the given callback budget and inbox capacity. */
    private static RunResult runRealTime(Duration budget, int inboxCapacity, List<StrategySpec> strategies) {
        List<Instrument> instruments = EngineFixtures.equities(AAA);
        double speed = Duration.ofDays(1).toNanos() / (double) Duration.ofMillis(10).toNanos();
        ReplayClock clock = new ReplayClock(speed);
        PaperBroker broker = new PaperBroker(clock, Map.of(AAA, instruments.getFirst()), EngineFixtures.frictionless());
        EngineSettings settings = new EngineSettings(RunMode.PAPER, Money.ofUnits(1_000_000), instruments,
                RiskLimits.defaults(), new IsolationPolicy(budget, 100, 1_000, inboxCapacity));
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
        RunResult result = runRealTime(Duration.ofMillis(50), 1_024, List.of(
                new StrategySpec(StrategyId.of("normal"), normal, List.of(AAA)),
                new StrategySpec(StrategyId.of("spinner"), spinner, List.of(AAA))));

        assertThat(quarantines(result)).containsOnlyKeys(StrategyId.of("spinner"));
        assertThat(quarantines(result).get(StrategyId.of("spinner")).reason()).isEqualTo(QuarantineReason.OVERRAN_TIME_BUDGET);
        assertNormalRanToTheEnd(normal, result);
    }

    @Test
    void strategyThatFallsBehindIsQuarantinedWhenItsInboxIsFull() throws Exception {
        // Driven event by event, not by a paced feed: a laggard that took its first bar and is stuck in it, and a
        // normal strategy that is waited for after each bar, so the laggard's inbox overflows at exactly the 18th bar
        // whatever the machine's load (a sleep against the feed's pace also filled the normal strategy's inbox on
        // a loaded machine, and a 25 ms sleep raced a 50 ms budget).
        Queue<StrategyRequest> sent = new ConcurrentLinkedQueue<>();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger normalBars = new AtomicInteger();
        StrategyId laggard = StrategyId.of("laggard");
        StrategyId normal = StrategyId.of("normal");
        IsolationPolicy isolation = new IsolationPolicy(Duration.ofSeconds(10), 100, 1_000, 16);
        try (StrategyExecutor strategies = new StrategyExecutor(RunMode.PAPER, isolation,
                new SimulatedClock(0), sent::add, null, message -> {
                    throw new AssertionError(message);
                })) {
            strategies.add(normal, new ScriptedStrategy((ctx, i) -> normalBars.incrementAndGet()), List.of(AAA));
            strategies.add(laggard, new ScriptedStrategy((ctx, i) -> {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), List.of(AAA));
            strategies.start();
            for (int day = 0; day < 40; day++) {
                strategies.onMarketData(EngineFixtures.bar(AAA, day, "100", "101", "99", "100.50", 1_000_000));
                int handled = day + 1;
                await(() -> normalBars.get() == handled, "the normal strategy to handle bar " + day);
                if (day == 0) assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
                if (day == 16) {
                    assertThat(strategies.state(laggard)).as("one bar in its callback, 16 waiting: its inbox is full")
                            .isEqualTo(StrategyState.ACTIVE);
                }
                if (day == 17) assertThat(strategies.state(laggard)).as("the next does not fit").isEqualTo(StrategyState.QUARANTINED);
            }
            release.countDown();

            assertThat(sent).singleElement().isInstanceOfSatisfying(StrategyFaulted.class, fault -> {
                assertThat(fault.strategyId()).isEqualTo(laggard);
                assertThat(fault.reason()).isEqualTo(QuarantineReason.INBOX_OVERFLOW);
                assertThat(fault.detail()).isEqualTo("fell 16 events behind; its inbox is full");
            });
            assertThat(strategies.state(normal)).isEqualTo(StrategyState.ACTIVE);
        }
    }

    /** Waits for an observable condition, generously; fails the test when it never comes. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(100_000);
        }
    }
}
