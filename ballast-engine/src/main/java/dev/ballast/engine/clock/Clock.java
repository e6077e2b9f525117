package dev.ballast.engine.clock;

/**
 * Engine time in epoch nanoseconds. Backtests use a {@link SimulatedClock} that the engine advances
 * to each event's timestamp; paper and live runs use the {@link WallClock}. Components read time only
 * through this, so the same code runs in every mode.
 */
public interface Clock {
    long nanos();
}
