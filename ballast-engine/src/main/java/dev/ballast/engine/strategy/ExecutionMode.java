package dev.ballast.engine.strategy;

/**
 * How strategies are run. In a backtest they run on the engine thread, one after another, so that
 * a run is deterministic; in real time each runs on its own thread behind a bounded inbox, so that
 * the engine never waits for a strategy.
 */
public enum ExecutionMode {
    BACKTEST, REAL_TIME
}
