package dev.ballast.model;

/**
 * How a run trades. A backtest runs on a simulated clock with its strategies on the engine thread, one after
 * another, so that the same inputs always give the same orders and fills. Paper trading runs in real time: each
 * strategy on its own thread behind a bounded inbox, so the engine never waits for a strategy, and the paper
 * venue fills on the replay's clock.
 */
public enum RunMode {
    BACKTEST, PAPER;

    /** Whether strategies run on their own threads and the engine never waits for them. */
    public boolean realTime() {
        return this != BACKTEST;
    }
}
