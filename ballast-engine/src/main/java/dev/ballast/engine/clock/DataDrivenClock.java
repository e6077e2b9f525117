package dev.ballast.engine.clock;

/**
 * A clock that market data moves: the engine advances it to each event's timestamp before handling
 * the event. Backtests use {@link SimulatedClock}; paper runs over replayed files use {@link ReplayClock}.
 */
public interface DataDrivenClock extends Clock {
    /** Moves time to {@code time} unless it is already later. Engine thread only. */
    void advanceTo(long time);
}
