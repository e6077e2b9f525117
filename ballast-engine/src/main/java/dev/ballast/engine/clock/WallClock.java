package dev.ballast.engine.clock;

import dev.ballast.model.EpochNanos;

/** The real time, in epoch nanoseconds at microsecond resolution. Thread-safe. */
public final class WallClock implements Clock {
    public static final WallClock INSTANCE = new WallClock();

    private WallClock() {}

    @Override
    public long nanos() {
        java.time.Instant now = java.time.Instant.now();
        return EpochNanos.of(now);
    }
}
