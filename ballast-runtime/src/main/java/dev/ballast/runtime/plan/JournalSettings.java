package dev.ballast.runtime.plan;

import dev.ballast.engine.journal.store.FsyncPolicy;

/**
 * The run journal (config section {@code journal}): on by default, market data off by default, the fsync policy
 * (null for the mode's default: {@code interval} for backtests, {@code every-batch} for paper runs), and where the
 * records go: the file store in OUTPUT/journal (the default) or a PostgreSQL database ({@link #postgres}).
 */
public record JournalSettings(boolean enabled, boolean marketData, FsyncPolicy fsync, Store store, Postgres postgres) {
    public static final JournalSettings DEFAULT = new JournalSettings(true, false, null, Store.FILE, null);

    /** Where the journal is kept. */
    public enum Store {
        FILE, POSTGRES
    }

    /**
     * The PostgreSQL database of a {@code store: postgres} journal. The password is not here: only the name of the
     * environment variable that holds it ({@code passwordEnv}, null when the server needs none), read when the
     * journal is opened and never written anywhere.
     */
    public record Postgres(String url, String user, String passwordEnv) {
    }

    /**
     * The fsync policy of a run: the configured one, or the mode's default. A PostgreSQL journal commits every
     * batch synchronously, which is {@code every-batch}.
     */
    public FsyncPolicy fsyncFor(boolean backtest) {
        if (store == Store.POSTGRES) return FsyncPolicy.everyBatch();
        if (fsync != null) return fsync;
        return backtest ? FsyncPolicy.defaultInterval() : FsyncPolicy.everyBatch();
    }
}
