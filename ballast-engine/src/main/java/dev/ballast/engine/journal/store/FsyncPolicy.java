package dev.ballast.engine.journal.store;

import java.time.Duration;

/**
 * When a {@link FileJournalStore} forces its writes to the disk.
 * <ul>
 *   <li>{@link #everyBatch()}: after every append (every group-committed batch); survives a machine crash;
 *       what paper and live write-ahead need.</li>
 *   <li>{@link #interval(Duration)}: every {@code interval}, by a background thread of the store (so the writer
 *       never waits for the disk), and at close; a process crash loses nothing (the data is in the OS page cache),
 *       a machine crash at most the interval and the force under way.</li>
 *   <li>{@link #never()}: only at close; for backtests.</li>
 * </ul>
 */
public record FsyncPolicy(Mode mode, Duration interval) {
    public enum Mode {
        EVERY_BATCH, INTERVAL, NEVER
    }

    public FsyncPolicy {
        if (mode == Mode.INTERVAL && (interval == null || interval.isNegative() || interval.isZero()))
            throw new IllegalArgumentException("INTERVAL needs a positive interval");
    }

    public static FsyncPolicy everyBatch() {
        return new FsyncPolicy(Mode.EVERY_BATCH, null);
    }

    public static FsyncPolicy interval(Duration interval) {
        return new FsyncPolicy(Mode.INTERVAL, interval);
    }

    /** INTERVAL at 100 ms. */
    public static FsyncPolicy defaultInterval() {
        return interval(Duration.ofMillis(100));
    }

    public static FsyncPolicy never() {
        return new FsyncPolicy(Mode.NEVER, null);
    }
}
