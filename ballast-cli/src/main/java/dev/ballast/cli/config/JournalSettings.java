package dev.ballast.cli.config;

import dev.ballast.engine.journal.FsyncPolicy;

/**
 * The run journal (config section {@code journal}): on by default, market data off by default, and the fsync
 * policy, null for the mode's default ({@code interval} for backtests, {@code every-batch} for paper runs).
 */
public record JournalSettings(boolean enabled, boolean marketData, FsyncPolicy fsync) {
    public static final JournalSettings DEFAULT = new JournalSettings(true, false, null);

    /** The fsync policy of a run: the configured one, or the mode's default. */
    public FsyncPolicy fsyncFor(boolean backtest) {
        if (fsync != null) return fsync;
        return backtest ? FsyncPolicy.defaultInterval() : FsyncPolicy.everyBatch();
    }
}
