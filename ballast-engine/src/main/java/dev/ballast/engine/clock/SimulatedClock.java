package dev.ballast.engine.clock;

/**
 * A clock that only the engine thread moves, forward only, to the timestamp of the event it is
 * processing. Not thread-safe: read it on the engine thread.
 */
public final class SimulatedClock implements DataDrivenClock {
    private long now;

    public SimulatedClock(long start) {
        this.now = start;
    }

    @Override
    public long nanos() {
        return now;
    }

    /** Moves time to {@code time}; earlier times leave it where it is (time never runs backwards). */
    @Override
    public void advanceTo(long time) {
        if (time > now) now = time;
    }
}
