package dev.ballast.engine.strategy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog's judgement of a running callback, driven with synthetic times and a synthetic CPU
 * clock (its own thread is never started).
 */
class CallbackWatchdogTest {
    private static final long BUDGET = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** CPU time the callback thread has used, as the test says. */
    private volatile long cpu;

    private final CallbackWatchdog watchdog = new CallbackWatchdog(BUDGET, message -> {
        throw new AssertionError(message);
    }, thread -> cpu);

    @Test
    void cpuBoundCallbackPastItsBudgetIsTimedOut() {
        CallbackWatchdog.Slot slot = watchdog.newSlot("test", s -> { });
        slot.begin("onBar");
        long start = System.nanoTime();

        slot.inspect(start + MS, 0);
        cpu = 56 * MS;
        slot.inspect(start + 56 * MS, 0);

        assertThat(slot.timedOut()).isTrue();
        assertThat(slot.end()).isTrue();
        assertThat(Thread.interrupted()).as("the interrupt is cleared by end()").isFalse();
    }

    @Test
    void callbackWithinItsBudgetIsLeftAlone() {
        CallbackWatchdog.Slot slot = watchdog.newSlot("test", s -> { });
        slot.begin("onBar");
        cpu = BUDGET / 2;

        slot.inspect(System.nanoTime() + BUDGET / 2, 0);

        assertThat(slot.timedOut()).isFalse();
        assertThat(slot.end()).isFalse();
    }

    @Test
    void runnableCallbackStarvedOfCpuByALoadedMachineIsNotCharged() {
        CallbackWatchdog.Slot slot = watchdog.newSlot("test", s -> { });
        slot.begin("onBar");
        long start = System.nanoTime();

        // 200 ms of wall time, but the callback thread got only 10 ms of CPU: the machine's doing.
        slot.inspect(start + MS, 0);
        cpu = 10 * MS;
        slot.inspect(start + 200 * MS, 0);
        assertThat(slot.timedOut()).isFalse();

        // Then it does use its CPU: 60 ms of its own -> past the budget.
        cpu = 61 * MS;
        slot.inspect(start + 260 * MS, 0);
        assertThat(slot.timedOut()).isTrue();
        slot.end();
    }

    @Test
    void stallOfTheWholeJvmIsNotChargedToTheCallback() {
        CallbackWatchdog.Slot slot = watchdog.newSlot("test", s -> { });
        slot.begin("onBar");
        long start = System.nanoTime();

        // 10 ms in, then a 300 ms GC pause the watchdog sat through, then 20 ms more: 30 ms of its own.
        cpu = 10 * MS;
        slot.inspect(start + 10 * MS, 0);
        cpu = 10 * MS;
        slot.inspect(start + 310 * MS, 300 * MS);
        cpu = 30 * MS;
        slot.inspect(start + 330 * MS, 0);

        assertThat(slot.timedOut()).isFalse();
        cpu = 70 * MS;
        slot.inspect(start + 370 * MS, 0);
        assertThat(slot.timedOut()).as("70 ms of its own time is past the budget").isTrue();
        slot.end();
    }

    @Test
    void waitingCallbackIsChargedTheWallTime() throws Exception {
        CallbackWatchdog.Slot slot = watchdog.newSlot("test", s -> { });
        CountDownLatch begun = new CountDownLatch(1);
        AtomicReference<Boolean> overran = new AtomicReference<>();
        Thread strategy = Thread.ofPlatform().start(() -> {
            slot.begin("onBar");
            begun.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                // the watchdog's interrupt frees it
            }
            overran.set(slot.end());
        });
        begun.await();
        while (strategy.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
        long start = System.nanoTime();

        // Sleeping uses no CPU, but a sleeping strategy is the strategy's doing: wall time counts.
        slot.inspect(start, 0);
        slot.inspect(start + 60 * MS, 0);

        strategy.join(5_000);
        assertThat(overran.get()).isTrue();
    }
}
