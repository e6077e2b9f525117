package dev.ballast.engine;

import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategyExecutor;
import dev.ballast.engine.strategy.StrategyState;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.StrategyFaulted;
import dev.ballast.model.event.StrategyRequest;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real-time run being re-executed (a resume's replay) quarantines nobody on callback time: its strategies must do
 * what they did live, whatever this machine's load. Once the re-execution is over, the budget applies again.
 */
class ReExecutionTimingTest {
    private static final Symbol AAA = Symbol.of("AAA");
    private static final StrategyId SLOW = StrategyId.of("slow");

    /**
     * Uses 5 ms of its own CPU time on each of the first five bars (five times a 1 ms budget, however loaded the
     * machine), and 200 ms on the sixth (long enough for the watchdog to see it on any machine).
     */
    private static ScriptedStrategy slow() {
        return new ScriptedStrategy((ctx, i) -> spinCpu(TimeUnit.MILLISECONDS.toNanos(i < 5 ? 5 : 200)));
    }

    private static void spinCpu(long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + nanos;
        while (threads.getCurrentThreadCpuTime() < until) Thread.onSpinWait();
    }

    /** Waits for an observable condition, generously; fails the test when it never comes. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(100_000);
        }
    }

    @Test
    void reExecutedStrategyPastItsBudgetIsNotQuarantinedUntilTheRunIsLiveAgain() {
        Queue<StrategyRequest> sent = new ConcurrentLinkedQueue<>();
        IsolationPolicy isolation = new IsolationPolicy(Duration.ofMillis(1), 100, 1_000, 1_024);
        try (StrategyExecutor strategies = new StrategyExecutor(RunMode.PAPER, isolation,
                new SimulatedClock(0), sent::add, null, message -> {
                    throw new AssertionError(message);
                })) {
            strategies.add(SLOW, slow(), List.of(AAA));
            strategies.reExecuting(true);
            strategies.start();
            for (int day = 0; day < 5; day++) {
                strategies.onMarketData(EngineFixtures.bar(AAA, day, "100", "101", "99", "100", 1_000));
            }
            await(strategies::caughtUp, "the re-executed strategy to handle five bars");

            assertThat(strategies.state(SLOW)).isEqualTo(StrategyState.ACTIVE);
            assertThat(sent).noneMatch(StrategyFaulted.class::isInstance);
            assertThat(strategies.callbackTimes().get(SLOW).callbacks()).as("onStart and five bars").isEqualTo(6);

            strategies.reExecuting(false);
            strategies.onMarketData(EngineFixtures.bar(AAA, 5, "100", "101", "99", "100", 1_000));
            await(() -> !sent.isEmpty(), "the live strategy's overrun to be reported");

            assertThat(sent).singleElement().isInstanceOfSatisfying(StrategyFaulted.class, fault -> {
                assertThat(fault.strategyId()).isEqualTo(SLOW);
                assertThat(fault.reason()).isEqualTo(QuarantineReason.OVERRAN_TIME_BUDGET);
            });
            assertThat(strategies.state(SLOW)).isEqualTo(StrategyState.QUARANTINED);
        }
    }
}
