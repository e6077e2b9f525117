package dev.ballast.engine.clock;

/**
 * Engine time in epoch nanoseconds. Backtests use a {@link SimulatedClock} that the engine advances to each event's
 * timestamp; paper runs over replayed files use a {@link ReplayClock} (the data's time, running on at the replay
 * speed) wrapped in an {@link InputClock} (standing still while one input is handled, so the journal can replay it).
 * Components read time only through this, so the same code runs in every mode.
 */
public interface Clock {
    long nanos();
}
