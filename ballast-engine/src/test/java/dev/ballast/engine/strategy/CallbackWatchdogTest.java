package dev.ballast.engine.strategy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog's judgement of a running callback, driven with a synthetic clock and a synthetic CPU clock (its
 * own thread is never started): with the budget enforced (real time) and without (a backtest, a re-execution),
 * where only the hard limit counts and it ends the run.
 */
class CallbackWatchdogTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long BUDGET = 50 * MS;
    private static final long HARD_LIMIT = 5_000 * MS;

    /** The watchdog's clock, as the test sets it. */
    private volatile long now = 1_000 * MS;
    /** CPU time the callback thread has used, as the test says. */
    private volatile long cpu;
    private final List<String> fatal = new ArrayList<>();

    private final CallbackWatchdog watchdog = new CallbackWatchdog(BUDGET, HARD_LIMIT, fatal::add, () -> now,
            thread -> cpu);

    private CallbackWatchdog.Slot enforcedSlot() {
        watchdog.enforceBudget(true);
        return watchdog.newSlot(s -> { });
    }

    /** Moves the clock and the callback's CPU time on by the same amount (a callback running on a free CPU). */
    private void run(long nanos) {
        now += nanos;
        cpu += nanos;
    }

    @Test
    void cpuBoundCallbackPastItsBudgetIsTimedOut() {
        CallbackWatchdog.Slot slot = enforcedSlot();
        slot.begin("sma", "onBar", true);

        run(MS);
        slot.inspect(now, 0);
        run(55 * MS);
        slot.inspect(now, 0);

        assertThat(slot.timedOut()).isTrue();
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.BUDGET);
        assertThat(Thread.interrupted()).as("the interrupt is cleared by end()").isFalse();
        assertThat(fatal).isEmpty();
    }

    @Test
    void callbackWithinItsBudgetIsLeftAlone() {
        CallbackWatchdog.Slot slot = enforcedSlot();
        slot.begin("sma", "onBar", true);
        run(BUDGET / 2);

        slot.inspect(now, 0);

        assertThat(slot.timedOut()).isFalse();
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.NONE);
    }

    @Test
    void runnableCallbackStarvedOfCpuByALoadedMachineIsNotCharged() {
        CallbackWatchdog.Slot slot = enforcedSlot();
        slot.begin("sma", "onBar", true);

        // 200 ms of wall time, but the callback thread got only 10 ms of CPU: the machine's doing.
        now += MS;
        slot.inspect(now, 0);
        now += 199 * MS;
        cpu = 10 * MS;
        slot.inspect(now, 0);
        assertThat(slot.timedOut()).isFalse();

        // Then it does use its CPU: 60 ms of its own -> past the budget.
        run(51 * MS);
        slot.inspect(now, 0);
        assertThat(slot.timedOut()).isTrue();
        slot.end();
    }

    @Test
    void stallOfTheWholeJvmIsNotChargedToTheCallback() {
        CallbackWatchdog.Slot slot = enforcedSlot();
        slot.begin("sma", "onBar", true);

        // 10 ms in, then a 300 ms GC pause the watchdog sat through, then 20 ms more: 30 ms of its own.
        run(10 * MS);
        slot.inspect(now, 0);
        now += 300 * MS;
        slot.inspect(now, 300 * MS);
        run(20 * MS);
        slot.inspect(now, 0);

        assertThat(slot.timedOut()).isFalse();
        run(40 * MS);
        slot.inspect(now, 0);
        assertThat(slot.timedOut()).as("70 ms of its own time is past the budget").isTrue();
        slot.end();
    }

    @Test
    void waitingCallbackIsChargedTheWallTime() throws Exception {
        CallbackWatchdog.Slot slot = enforcedSlot();
        CountDownLatch begun = new CountDownLatch(1);
        AtomicReference<CallbackWatchdog.Overrun> overrun = new AtomicReference<>();
        Thread strategy = Thread.ofPlatform().start(() -> {
            slot.begin("sma", "onBar", true);
            begun.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                // the watchdog's interrupt frees it
            }
            overrun.set(slot.end());
        });
        begun.await();
        while (strategy.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();

        // Sleeping uses no CPU, but a sleeping strategy is the strategy's doing: wall time counts.
        slot.inspect(now, 0);
        now += 60 * MS;
        slot.inspect(now, 0);

        strategy.join(5_000);
        assertThat(overrun.get()).isEqualTo(CallbackWatchdog.Overrun.BUDGET);
    }

    @Test
    void anUntimedBacktestCallbackPastTheHardLimitIsCaughtTimedFromWhenTheWatchdogFirstSawIt() {
        CallbackWatchdog.Slot slot = watchdog.newSlot(null);
        assertThat(slot.begin("spinner", "onQuote", false)).as("no clock read").isEqualTo(CallbackWatchdog.UNTIMED);

        run(MS);
        slot.inspect(now, 0); // first seen here: the time before it is not charged
        run(HARD_LIMIT);
        slot.inspect(now, 0);
        assertThat(fatal).as("exactly at the hard limit counts as in time").isEmpty();
        run(10 * MS);
        slot.inspect(now, 0);

        assertThat(fatal).singleElement().asString()
                .startsWith("strategy spinner: onQuote has not returned after 5010 ms, past the hard limit of 5000 ms");
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.HARD_LIMIT);
    }

    @Test
    void aNewUntimedCallbackIsToldFromTheLastOneThoughNeitherReadTheClock() {
        CallbackWatchdog.Slot slot = watchdog.newSlot(null);
        slot.begin("sma", "onBar", false);
        slot.inspect(now, 0);
        run(HARD_LIMIT - MS);
        slot.inspect(now, 0);
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.NONE);

        slot.begin("sma", "onBar", false); // the next callback starts afresh, not 4.999 s into the last one
        run(10 * MS);
        slot.inspect(now, 0);
        run(10 * MS);
        slot.inspect(now, 0);

        assertThat(fatal).isEmpty();
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.NONE);
    }

    @Test
    void backtestCallbackFarPastTheBudgetIsNeitherTimedOutNorQuarantined() {
        CallbackWatchdog.Slot slot = watchdog.newSlot(null); // not enforced: a backtest's engine slot

        slot.begin("sma", "onBar", true);
        for (int tick = 0; tick < 100; tick++) {
            run(40 * MS);
            slot.inspect(now, 0);
        }

        assertThat(slot.timedOut()).as("4 s of CPU against a 50 ms budget").isFalse();
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.NONE);
        assertThat(fatal).isEmpty();
    }

    @Test
    void backtestCallbackPastTheHardLimitEndsTheRunNamingStrategyAndCallback() {
        CallbackWatchdog.Slot slot = watchdog.newSlot(null);
        slot.begin("spinner", "onQuote", true);

        run(MS);
        slot.inspect(now, 0);
        run(HARD_LIMIT);
        slot.inspect(now, 0);
        run(10 * MS);
        slot.inspect(now, 0);

        assertThat(fatal).singleElement().asString()
                .startsWith("strategy spinner: onQuote has not returned after 5001 ms, past the hard limit of 5000 ms");
        assertThat(slot.timedOut()).isTrue();
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.HARD_LIMIT);
        assertThat(Thread.interrupted()).as("the interrupt is cleared by end()").isFalse();
    }

    @Test
    void backtestCallbackStarvedOfCpuIsNotChargedTowardTheHardLimit() {
        CallbackWatchdog.Slot slot = watchdog.newSlot(null);
        slot.begin("sma", "onBar", true);

        // Ten seconds of wall time on a machine so loaded that the callback got 100 ms of CPU.
        now += MS;
        slot.inspect(now, 0);
        now += 10_000 * MS;
        cpu += 100 * MS;
        slot.inspect(now, 0);

        assertThat(fatal).isEmpty();
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.NONE);
    }

    @Test
    void reExecutionLeavesTheBudgetUnenforcedUntilItIsSwitchedBackOn() {
        CallbackWatchdog.Slot slot = watchdog.newSlot(s -> { throw new AssertionError("no quarantine on time"); });
        watchdog.enforceBudget(false); // a resume's replay
        slot.begin("sma", "onBar", true);
        run(MS);
        slot.inspect(now, 0);
        run(200 * MS);
        slot.inspect(now, 0);
        assertThat(slot.end()).isEqualTo(CallbackWatchdog.Overrun.NONE);

        watchdog.enforceBudget(true); // live again
        List<CallbackWatchdog.Slot> timedOut = new ArrayList<>();
        CallbackWatchdog.Slot live = watchdog.newSlot(timedOut::add);
        live.begin("sma", "onBar", true);
        run(MS);
        live.inspect(now, 0);
        run(200 * MS);
        live.inspect(now, 0);
        assertThat(timedOut).containsExactly(live);
        assertThat(live.end()).isEqualTo(CallbackWatchdog.Overrun.BUDGET);
    }
}
