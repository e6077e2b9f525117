package dev.ballast.engine.strategy;

import dev.ballast.engine.clock.NanoClock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Watches strategy callbacks for running too long. One daemon thread looks at every running callback each tick
 * (a fifth of the budget, 1 to 10 ms). What too long means depends on whether the budget is enforced:
 *
 * <ul>
 *   <li><b>Enforced</b> (real time): a callback past the budget is marked timed out and its thread interrupted,
 *       which frees a strategy blocked in a sleep, wait or I/O; the slot's {@code onTimeout} quarantines it. A
 *       strategy spinning without checking for interruption is abandoned on its own thread.</li>
 *   <li><b>Not enforced</b> (a backtest, a resume's re-execution): time measured on the machine must not decide
 *       a strategy's orders, so the budget does nothing. Only a callback past the hard limit, one that truly
 *       hangs, is acted on: the fatal handler is told, naming the strategy and the callback (the CLI exits with
 *       code 3), then its thread is interrupted, so that a caller that goes on is not held by a sleeping
 *       strategy.</li>
 * </ul>
 *
 * <p>Either way, time in which the watchdog itself was stalled (a GC pause stops every thread) is not charged to
 * the callback, nor is time a runnable callback spent waiting for a CPU on a loaded machine (its CPU time is what
 * counts then; a waiting callback is charged the wall time). The callback thread pays one clock read and one CAS
 * per callback.
 *
 * <p>Thread-safe: slots are claimed and released by their callback threads; the watchdog thread reads them;
 * {@link #enforceBudget} may be called from any thread.
 */
public final class CallbackWatchdog implements AutoCloseable {
    /** What {@link Slot#begin} returns for a callback it did not time. */
    static final long UNTIMED = Long.MIN_VALUE;

    /** How a callback ended, as far as its time goes. */
    enum Overrun { NONE, BUDGET, HARD_LIMIT }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long budgetNanos;
    private final long hardLimitNanos;
    private final long tickNanos;
    private final Consumer<String> fatalHandler;
    private final NanoClock clock;
    private final ToLongFunction<Thread> cpuClock;
    private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean budgetEnforced;

    /** A watchdog with the system's clocks; the budget is not enforced until {@link #enforceBudget} says so. */
    public CallbackWatchdog(IsolationPolicy policy, Consumer<String> fatalHandler) {
        this(policy.callbackBudget().toNanos(), policy.callbackHardLimit().toNanos(), fatalHandler, NanoClock.SYSTEM,
                CallbackWatchdog::threadCpuNanos);
    }

    /**
     * @param clock    the clock callbacks are timed with
     * @param cpuClock CPU time a thread has used, in nanoseconds, or -1 when unknown (tests supply their own)
     */
    CallbackWatchdog(long budgetNanos, long hardLimitNanos, Consumer<String> fatalHandler, NanoClock clock,
                     ToLongFunction<Thread> cpuClock) {
        this.budgetNanos = budgetNanos;
        this.hardLimitNanos = hardLimitNanos;
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(budgetNanos / 5, TimeUnit.MILLISECONDS.toNanos(10)));
        this.fatalHandler = fatalHandler;
        this.clock = clock;
        this.cpuClock = cpuClock;
        this.thread = Thread.ofPlatform().daemon().name("ballast-watchdog").unstarted(this::run);
    }

    private static long threadCpuNanos(Thread thread) {
        return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(thread.threadId()) : -1;
    }

    /** Starts watching; call once, before the first callback. */
    void start() {
        thread.start();
    }

    /**
     * Whether a callback past the budget is timed out (real time) or only one past the hard limit ends the run (a
     * backtest, a re-execution). Switch only while no callback runs.
     */
    void enforceBudget(boolean enforced) {
        budgetEnforced = enforced;
    }

    /** Whether a callback past the budget is timed out (see {@link #enforceBudget}). */
    boolean budgetEnforced() {
        return budgetEnforced;
    }

    long budgetNanos() {
        return budgetNanos;
    }

    long hardLimitNanos() {
        return hardLimitNanos;
    }

    /** The clock callbacks are timed with. */
    NanoClock clock() {
        return clock;
    }

    /**
     * A slot for one callback thread. {@code onTimeout} runs on the watchdog thread when a callback in this slot
     * overruns an enforced budget (before the thread is interrupted); it may be {@code null}.
     */
    Slot newSlot(Consumer<Slot> onTimeout) {
        Slot slot = new Slot(onTimeout);
        slots.add(slot);
        return slot;
    }

    void release(Slot slot) {
        slots.remove(slot);
    }

    private void run() {
        long lastTick = clock.nanoTime();
        while (running) {
            try {
                TimeUnit.NANOSECONDS.sleep(tickNanos);
            } catch (InterruptedException e) {
                return;
            }
            long now = clock.nanoTime();
            // A tick far later than asked means the whole JVM stood still (a GC pause, a safepoint)
            // or this thread got no CPU: callbacks are not charged for that time.
            long late = now - lastTick - tickNanos;
            long pause = late > tickNanos ? late : 0;
            lastTick = now;
            for (Slot slot : slots) slot.inspect(now, pause);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** The callback state of one thread that runs strategy callbacks. */
    final class Slot {
        private static final int IDLE = 0;
        private static final int RUNNING = 1;
        private static final int TIMED_OUT = 2;
        private static final int OVER_BUDGET = 3;
        private static final int OVER_HARD_LIMIT = 4;

        private final Consumer<Slot> onTimeout;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        /** When the current callback began, or {@link #UNTIMED}: the watchdog then times it from when it first saw it. */
        private volatile long startedAt;
        /** Counts callbacks, so the watchdog tells a new one from the last one it inspected. */
        private volatile long callback;
        private volatile Thread owner;
        private volatile String strategy;
        private volatile String activity;
        // Watchdog thread only: the callback last inspected, and the stalled time it is excused.
        private long inspectedCallback = -1;
        private long inspectedStart;
        private long excused;
        private long firstSeenAt;
        private long cpuAtFirstSeen = -1;
        private boolean fatalReported;

        private Slot(Consumer<Slot> onTimeout) {
            this.onTimeout = onTimeout;
        }

        /**
         * Called by the callback thread just before a callback of {@code strategy}. A {@code timed} callback, and
         * every callback while the budget is enforced, reads the clock: the time it began is returned. Otherwise
         * (a backtest's untimed callbacks, where only the hard limit of seconds counts) the watchdog times it from
         * when it first sees it, at most one tick late, and {@link #UNTIMED} is returned.
         */
        long begin(String strategy, String what, boolean timed) {
            // Written only when they change (mostly they do not: one thread, runs of onBar of one strategy): each
            // volatile write is a fence on the path of every callback.
            Thread current = Thread.currentThread();
            if (owner != current) owner = current;
            if (this.strategy != strategy) this.strategy = strategy;
            if (activity != what) activity = what;
            long now = timed || budgetEnforced ? clock.nanoTime() : UNTIMED;
            startedAt = now;
            callback = callback + 1; // one writer: the callback thread
            state.set(RUNNING);
            return now;
        }

        /**
         * Called by the callback thread right after the callback: whether it overran (the budget, or the hard
         * limit). Clears any interrupt the watchdog sent so it cannot leak into the engine.
         */
        Overrun end() {
            // Overruns are detected by the watchdog, within one tick; a callback that returns before the watchdog
            // looked counts as in time.
            if (state.compareAndSet(RUNNING, IDLE)) return Overrun.NONE;
            int overrun;
            while ((overrun = state.get()) == TIMED_OUT) Thread.onSpinWait();
            Thread.interrupted();
            state.set(IDLE);
            return overrun == OVER_HARD_LIMIT ? Overrun.HARD_LIMIT : Overrun.BUDGET;
        }

        String activity() {
            return activity;
        }

        /** Whether the watchdog has acted on the running callback (for tests). */
        boolean timedOut() {
            return state.get() >= TIMED_OUT;
        }

        /**
         * The time a callback that began at {@code start} is charged. A strategy waiting (sleep, lock, I/O) is
         * charged the wall time: that is its doing. A strategy that is runnable is charged the CPU time it used
         * (since the watchdog first saw the callback, plus the wall time before that, at most one tick): on a
         * loaded machine a runnable thread may get little CPU, and that is not the strategy's fault.
         */
        private long charged(Thread thread, long start, long elapsed) {
            if (thread == null || thread.getState() != Thread.State.RUNNABLE || cpuAtFirstSeen < 0) return elapsed;
            long cpu = cpuClock.applyAsLong(thread);
            if (cpu < 0) return elapsed;
            return (firstSeenAt - start) + (cpu - cpuAtFirstSeen);
        }

        void inspect(long now, long pause) {
            int current = state.get();
            long seen = callback;
            long began = startedAt;
            Thread thread = owner;
            if (seen != inspectedCallback) {
                inspectedCallback = seen;
                inspectedStart = began == UNTIMED ? now : began;
                excused = Math.min(pause, now - inspectedStart);
                firstSeenAt = now;
                cpuAtFirstSeen = thread == null ? -1 : cpuClock.applyAsLong(thread);
                fatalReported = false;
            } else {
                excused += pause;
            }
            if (current != RUNNING) return;
            long start = inspectedStart;
            long elapsed = now - start - excused;
            boolean enforced = budgetEnforced;
            long limit = enforced ? budgetNanos : hardLimitNanos;
            if (elapsed <= limit) return;
            long charged = charged(thread, start, elapsed);
            if (charged <= limit) return;
            if (enforced) {
                if (!state.compareAndSet(RUNNING, TIMED_OUT)) return;
                if (onTimeout != null) onTimeout.accept(this);
                if (thread != null) thread.interrupt();
                state.set(OVER_BUDGET);
            } else if (!fatalReported) {
                fatalReported = true;
                // Told first: the CLI exits here, before the interrupt could let the run go on without the strategy.
                fatalHandler.accept("strategy " + strategy + ": " + activity + " has not returned after "
                        + TimeUnit.NANOSECONDS.toMillis(charged) + " ms, past the hard limit of "
                        + TimeUnit.NANOSECONDS.toMillis(hardLimitNanos) + " ms; a backtest or a re-executed run does "
                        + "not quarantine a strategy on time measured on the machine, so the run cannot go on");
                if (!state.compareAndSet(RUNNING, TIMED_OUT)) return;
                if (thread != null) thread.interrupt();
                state.set(OVER_HARD_LIMIT);
            }
        }
    }
}
