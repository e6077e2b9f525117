package dev.ballast.cli.run;

/** Which runner executes a plan: a backtest on the simulated clock, or paper trading in real time. */
public enum RunMode {
    BACKTEST, PAPER
}
