package dev.ballast.engine;

import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.RunMode;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.StopEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An idle real-time engine parks, and whatever another thread posts ends the park at once. */
class IdleParkTest {
    private static final Symbol AAA = Symbol.of("AAA");
    /** Far longer than any test may wait: a park that ran to its end would fail the test by its deadline. */
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static TradingEngine engine() {
        List<Instrument> instruments = EngineFixtures.equities(AAA);
        ReplayClock clock = new ReplayClock(1);
        PaperBroker broker = new PaperBroker(clock, Map.of(AAA, instruments.getFirst()), EngineFixtures.frictionless());
        return new TradingEngine(new EngineSettings(RunMode.PAPER, Money.ofUnits(1_000), instruments, RiskLimits.defaults(),
                IsolationPolicy.defaults()), clock, broker, List.of(), message -> {
            throw new AssertionError(message);
        });
    }

    @Test
    void anEventPostedFromAnotherThreadEndsThePark() throws Exception {
        try (TradingEngine engine = engine()) {
            CompletableFuture<Boolean> handled = new CompletableFuture<>();
            Thread engineThread = Thread.ofPlatform().start(() -> {
                engine.start();
                while (!engine.stopRequested()) {
                    if (!engine.pollExternal()) engine.parkIdle(HOUR);
                }
                handled.complete(true);
            });
            awaitParked(engineThread);
            engine.post(StopEngine.endOfData("wake up", 0));
            assertThat(handled.get(30, TimeUnit.SECONDS)).isTrue();
            engineThread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void aTaskFromAnotherThreadEndsThePark() throws Exception {
        try (TradingEngine engine = engine()) {
            CompletableFuture<String> ran = new CompletableFuture<>();
            Thread engineThread = Thread.ofPlatform().start(() -> {
                engine.start();
                while (!ran.isDone()) {
                    if (!engine.pollExternal()) engine.parkIdle(HOUR);
                }
            });
            awaitParked(engineThread);
            engine.runOnEngineThread(() -> ran.complete(Thread.currentThread().getName()));
            assertThat(ran.get(30, TimeUnit.SECONDS)).isEqualTo(engineThread.getName());
            engineThread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Waits until {@code thread} is parked (nothing else makes it wait). */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the engine thread never parked").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
