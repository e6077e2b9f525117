package dev.ballast.engine.clock;

/**
 * A monotonic clock for measuring how long something took on this machine (not engine time: see
 * {@link Clock}). Components that time things (the callback watchdog, the journal writer) take one, so that
 * tests can drive time themselves instead of sleeping; {@link #SYSTEM} is {@link System#nanoTime()}.
 * Implementations must be safe to call from any thread.
 */
@FunctionalInterface
public interface NanoClock {
    /** {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanoTime();
}
