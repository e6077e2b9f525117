package dev.ballast.engine.strategy;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Watches strategy callbacks for overrunning their time budget. One daemon thread looks at every
 * running callback each tick (a fifth of the budget, 1 to 10 ms) and, when one has run past the
 * budget, marks it timed out and interrupts its thread, which frees a strategy blocked in a sleep,
 * wait or I/O. The callback thread pays one {@code System.nanoTime()} and one CAS per callback.
 * Time in which the watchdog itself was stalled (a GC pause stops every thread) is not charged to
 * the callback, so a collection does not quarantine a strategy that was doing nothing wrong; nor is
 * time a runnable callback spent waiting for a CPU on a loaded machine (its CPU time is what counts
 * then; a waiting callback is charged the wall time).
 *
 * <p>A strategy spinning on the CPU without ever checking for interruption cannot be stopped inside
 * the JVM. In real time it is simply abandoned on its own thread; in a backtest, where it holds the
 * engine thread, the watchdog reports it through the fatal handler once it has run past the hard
 * limit, so that the run ends with a clear error instead of hanging.
 *
 * <p>Thread-safe: slots are claimed and released by their callback threads; the watchdog thread reads them.
 */
public final class CallbackWatchdog implements AutoCloseable {
    private final long budgetNanos;
    private final long hardLimitNanos;
    private final long tickNanos;
    private final Consumer<String> fatalHandler;
    private final java.util.function.ToLongFunction<Thread> cpuClock;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public CallbackWatchdog(long budgetNanos, Consumer<String> fatalHandler) {
        this(budgetNanos, fatalHandler, CallbackWatchdog::threadCpuNanos);
    }

    /** @param cpuClock CPU time a thread has used, in nanoseconds, or -1 when unknown (tests supply their own) */
    CallbackWatchdog(long budgetNanos, Consumer<String> fatalHandler, java.util.function.ToLongFunction<Thread> cpuClock) {
        this.cpuClock = cpuClock;
        this.budgetNanos = budgetNanos;
        this.hardLimitNanos = Math.max(budgetNanos * 20, TimeUnit.SECONDS.toNanos(5));
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(budgetNanos / 5, TimeUnit.MILLISECONDS.toNanos(10)));
        this.fatalHandler = fatalHandler;
        this.thread = Thread.ofPlatform().daemon().name("ballast-watchdog").unstarted(this::run);
    }

    private static long threadCpuNanos(Thread thread) {
        return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(thread.threadId()) : -1;
    }

    /** Starts watching; call once, before the first callback. */
    void start() {
        thread.start();
    }

    long budgetNanos() {
        return budgetNanos;
    }

    /**
     * A slot for one callback thread. {@code onTimeout} runs on the watchdog thread when a callback in
     * this slot overruns (before the thread is interrupted); it may be {@code null}.
     */
    Slot newSlot(String name, Consumer<Slot> onTimeout) {
        Slot slot = new Slot(name, onTimeout);
        slots.add(slot);
        return slot;
    }

    void release(Slot slot) {
        slots.remove(slot);
    }

    private void run() {
        long lastTick = System.nanoTime();
        while (running) {
            try {
                TimeUnit.NANOSECONDS.sleep(tickNanos);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
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
        private static final int INTERRUPTED = 3;

        private final String name;
        private final Consumer<Slot> onTimeout;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile long startedAt;
        private volatile Thread owner;
        private volatile String activity;
        private boolean fatalReported;
        // Watchdog thread only: the callback last inspected, and the stalled time it is excused.
        private long inspectedStart;
        private long excused;
        private long firstSeenAt;
        private long cpuAtFirstSeen = -1;

        private Slot(String name, Consumer<Slot> onTimeout) {
            this.name = name;
            this.onTimeout = onTimeout;
        }

        /** Called by the callback thread just before a callback. */
        void begin(String what) {
            owner = Thread.currentThread();
            activity = what;
            startedAt = System.nanoTime();
            state.set(RUNNING);
        }

        /**
         * Called by the callback thread right after the callback. Returns true when it overran the
         * budget; clears any interrupt the watchdog sent so it cannot leak into the engine.
         */
        boolean end() {
            // Overruns are detected by the watchdog, within one tick of the budget; a callback that
            // returns before the watchdog looked counts as in time.
            if (state.compareAndSet(RUNNING, IDLE)) return false;
            while (state.get() == TIMED_OUT) Thread.onSpinWait();
            Thread.interrupted();
            state.set(IDLE);
            return true;
        }

        String activity() {
            return activity;
        }

        /**
         * Whether a callback past the budget in wall time really overran. A strategy waiting (sleep,
         * lock, I/O) is charged the wall time: that is its doing. A strategy that is runnable is charged
         * the CPU time it used (since the watchdog first saw the callback, plus the wall time before
         * that, at most one tick): on a loaded machine a runnable thread may get little CPU, and that is
         * not the strategy's fault.
         */
        private boolean overran(Thread thread, long start, long elapsed) {
            if (thread.getState() != Thread.State.RUNNABLE || cpuAtFirstSeen < 0) return true;
            long cpu = cpuClock.applyAsLong(thread);
            if (cpu < 0) return true;
            long charged = (firstSeenAt - start) + (cpu - cpuAtFirstSeen);
            return charged > budgetNanos;
        }

        /** Whether the watchdog has timed out the running callback (for tests). */
        boolean timedOut() {
            return state.get() >= TIMED_OUT;
        }

        void inspect(long now, long pause) {
            int current = state.get();
            long start = startedAt;
            Thread thread = owner;
            if (start != inspectedStart) {
                inspectedStart = start;
                excused = Math.min(pause, now - start);
                firstSeenAt = now;
                cpuAtFirstSeen = thread == null ? -1 : cpuClock.applyAsLong(thread);
            } else {
                excused += pause;
            }
            long elapsed = now - start - excused;
            if (current == RUNNING && elapsed > budgetNanos && thread != null && !overran(thread, start, elapsed)) return;
            if (current == RUNNING && elapsed > budgetNanos && state.compareAndSet(RUNNING, TIMED_OUT)) {
                if (onTimeout != null) onTimeout.accept(this);
                if (thread != null) thread.interrupt();
                state.set(INTERRUPTED);
            } else if (current == INTERRUPTED && elapsed > hardLimitNanos && !fatalReported && onTimeout == null) {
                fatalReported = true;
                fatalHandler.accept(name + " has not returned from " + activity + " after "
                        + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms and ignores interruption; "
                        + "a backtest cannot continue past a strategy that holds the engine thread");
            }
        }
    }
}
