package dev.ballast.engine.strategy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog's judgement of a running callback, driven with synthetic times (its thread never started). */
class CallbackWatchdogTest {
    private static final long BUDGET = TimeUnit.MILLISECONDS.toNanos(50);

    private final CallbackWatchdog watchdog = new CallbackWatchdog(BUDGET, message -> {
        throw new AssertionError(message);
    });

    @Test
    void callbackPastItsBudgetIsTimedOut() {
        CallbackWatchdog.Slot slot = watchdog.newSlot("test", s -> { });
        slot.begin("onBar");
        long start = System.nanoTime();

        slot.inspect(start + BUDGET + TimeUnit.MILLISECONDS.toNanos(5), 0);

        assertThat(slot.timedOut()).isTrue();
        assertThat(slot.end()).isTrue();
        assertThat(Thread.interrupted()).as("the interrupt is cleared by end()").isFalse();
    }

    @Test
    void callbackWithinItsBudgetIsLeftAlone() {
        CallbackWatchdog.Slot slot = watchdog.newSlot("test", s -> { });
        slot.begin("onBar");

        slot.inspect(System.nanoTime() + BUDGET / 2, 0);

        assertThat(slot.timedOut()).isFalse();
        assertThat(slot.end()).isFalse();
    }

    @Test
    void stallOfTheWholeJvmIsNotChargedToTheCallback() {
        CallbackWatchdog.Slot slot = watchdog.newSlot("test", s -> { });
        slot.begin("onBar");
        long start = System.nanoTime();

        // 10 ms in, then a 300 ms GC pause the watchdog sat through, then 20 ms more: 30 ms of its own.
        slot.inspect(start + TimeUnit.MILLISECONDS.toNanos(10), 0);
        slot.inspect(start + TimeUnit.MILLISECONDS.toNanos(310), TimeUnit.MILLISECONDS.toNanos(300));
        slot.inspect(start + TimeUnit.MILLISECONDS.toNanos(330), 0);

        assertThat(slot.timedOut()).isFalse();
        slot.inspect(start + TimeUnit.MILLISECONDS.toNanos(370), 0);
        assertThat(slot.timedOut()).as("70 ms of its own time is past the budget").isTrue();
        slot.end();
    }
}
