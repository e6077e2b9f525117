package dev.ballast.engine.clock;

/**
 * Engine time for real-time runs that stands still while the engine handles one input. Every record the engine
 * makes for an input (order states, risk decisions, fills booked) then carries one time, the time the engine took
 * the input, however long the handling takes; and since that time is journaled with the input, a run can be
 * re-executed after a crash with every timestamp as it was (see {@code RunRecovery}). Between inputs it reads the
 * clock it wraps, which other threads (strategies) see too.
 *
 * <p>{@link #freeze} and {@link #thaw} are called by the engine thread only; {@link #nanos} from any thread.
 */
public final class InputClock implements DataDrivenClock {
    private static final long RUNNING = Long.MIN_VALUE;
    private final DataDrivenClock source;
    private volatile long frozen = RUNNING;

    public InputClock(DataDrivenClock source) {
        this.source = source;
    }

    @Override
    public long nanos() {
        long f = frozen;
        return f != RUNNING ? f : source.nanos();
    }

    /** The wrapped clock's time, frozen or not. */
    public long sourceNanos() {
        return source.nanos();
    }

    /** Holds time at {@code time} until {@link #thaw}; the wrapped clock is moved there too (never back). */
    public void freeze(long time) {
        source.advanceTo(time);
        frozen = time;
    }

    public void thaw() {
        frozen = RUNNING;
    }

    @Override
    public void advanceTo(long time) {
        source.advanceTo(time);
    }
}
