package dev.ballast.model;

/**
 * How a run trades. A backtest runs on a simulated clock with its strategies on the engine thread, one after
 * another, so that the same inputs always give the same orders and fills. Paper trading runs in real time: each
 * strategy on its own thread behind a bounded inbox, so the engine never waits for a strategy, and the paper
 * venue fills on the replay's clock. A live run is a paper run whose orders go to a real venue through a broker
 * adapter (FIX, Alpaca), reconciled with it before the first order.
 */
public enum RunMode {
    BACKTEST, PAPER, LIVE;

    /** Whether strategies run on their own threads and the engine never waits for them. */
    public boolean realTime() {
        return this != BACKTEST;
    }
}
