package dev.ballast.runtime.journal;

import dev.ballast.model.RunMode;
import dev.ballast.runtime.folder.RunFolder;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.JournalSettings;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.journal.postgres.PostgresJournalStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where a run's journal goes, and how {@code ballast audit} finds it again. A file journal lives in OUTPUT/journal.
 * A PostgreSQL journal lives in the database under a run id of its own (the output folder's name and a UUID), and
 * OUTPUT/{@value #POINTER} says where ({@link JournalPointer}: store, url, run id and mode; no user, no password,
 * no password variable: those come from the user, {@link JournalAccess}). A backtest replaces the journal a previous backtest left in its output folder; nothing replaces a
 * paper run's (see {@link RunFolder}).
 */
public final class RunJournals {
    public static final String POINTER = "journal.properties";

    /** An open run journal and where it is, for the run's summary. */
    public record Opened(RunJournal journal, String location) {
    }

    private RunJournals() {
    }

    /** Where a run folder's file journal is. */
    public static Path journalDir(Path runDir) {
        return runDir.resolve("journal");
    }

    /**
     * Opens a new run's journal. A backtest replaces the journal a previous backtest left in the folder (it can be run
     * again); a paper run refuses a folder that holds a journal, since that is the only record of what was traded: it
     * is resumed (`--resume`) or moved, never overwritten ({@link dev.ballast.runtime.folder.RunFolder#claim} checked both under the folder's
     * lock). The previous journal is replaced only once the new one is open: a run that cannot start leaves it.
     * A file journal without a complete record (its run stopped before journaling its start) is no such record, and
     * is replaced.
     */
    public static Opened open(JournalSettings settings, RunMode mode, Path output, Path configFile) {
        boolean backtest = mode == RunMode.BACKTEST;
        Path dir = journalDir(output);
        if (!backtest) refuseExistingJournal(output, dir);
        if (settings.store() == JournalSettings.Store.FILE) {
            deleteOldSegments(dir);
            RunJournal journal = RunJournal.open(dir, settings.fsyncFor(backtest), settings.marketData());
            // A previous backtest's pointer goes only once this journal is open: a failed start leaves it.
            deletePointer(output);
            if (backtest) journal.waitWhenFull();
            return new Opened(journal, dir.toString());
        }
        JournalSettings.Postgres pg = settings.postgres();
        String runId = output.toAbsolutePath().normalize().getFileName() + "-" + UUID.randomUUID();
        PostgresJournalStore store;
        try {
            store = PostgresJournalStore.open(JournalAccess.of(settings, configFile).connection(), runId);
        } catch (JournalException e) {
            throw new ConfigException(configFile + ": journal.postgres: " + e.getMessage(), e);
        }
        // Only now that the new journal is open is the previous one's pointer replaced: a failed start leaves it.
        new JournalPointer(pg.url(), runId, mode.name()).write(output);
        deleteOldSegments(dir);
        RunJournal journal = new RunJournal(new JournalWriter(store), store, settings.marketData(), null);
        if (backtest) journal.waitWhenFull();
        return new Opened(journal, "postgres " + pg.url() + " run " + runId);
    }

    /**
     * The journal of run folder {@code run} for reading: its files, or, when it has a pointer, its PostgreSQL run in
     * the database the user gave ({@code access}; see {@link JournalAccess}).
     */
    public static JournalStore openForAudit(Path run, JournalAccess access) {
        Path pointer = run.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            Path sub = journalDir(run);
            Path dir = Files.isDirectory(sub) ? sub : run;
            if (!Files.isDirectory(dir)) throw new ConfigException("no such run folder: " + run);
            FileJournalStore store = FileJournalStore.openReadOnly(dir);
            try {
                if (store.segments().isEmpty()) throw new ConfigException("no journal in " + run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return store;
        }
        JournalPointer target = JournalPointer.read(run);
        PostgresJournalStore store;
        try {
            store = PostgresJournalStore.openReadOnly(access.connectionFor(target, pointer), target.runId());
        } catch (JournalException e) {
            throw new ConfigException(pointer + ": " + e.getMessage(), e);
        }
        if (store.last().isEmpty()) {
            store.close();
            throw new ConfigException("no journal records for run " + target.runId() + " at " + access.url());
        }
        return store;
    }

    /**
     * Opens the journal of the paper run in {@code output} again for appending (a resume): its chain continues.
     * A file journal's torn last write, if any, is cut first. A PostgreSQL journal is reached through the database of
     * the run's configuration {@code configFile} (which the resume checked is the one the run started with).
     */
    public static Opened reopen(Path output, JournalSettings settings, Path configFile) {
        if (!Files.isRegularFile(output.resolve(POINTER))) {
            Path dir = journalDir(output);
            return new Opened(RunJournal.open(dir, settings.fsyncFor(false), settings.marketData()), dir.toString());
        }
        JournalPointer target = JournalPointer.read(output);
        JournalAccess access = JournalAccess.of(settings, configFile);
        PostgresJournalStore store;
        try {
            store = PostgresJournalStore.open(access.connectionFor(target, output.resolve(POINTER)), target.runId());
        } catch (JournalException e) {
            throw new ConfigException(output.resolve(POINTER) + ": " + e.getMessage(), e);
        }
        return new Opened(new RunJournal(new JournalWriter(store), store, settings.marketData(), null),
                "postgres " + access.url() + " run " + target.runId());
    }

    private static void refuseExistingJournal(Path output, Path journalDir) {
        boolean exists = Files.isRegularFile(output.resolve(POINTER));
        // A journal without a complete record (the run stopped before its start was journaled) holds nothing to keep.
        if (!exists) exists = !FileJournalStore.holdsNoRecord(journalDir);
        if (exists) {
            throw new ConfigException(output + " already holds the journal of a paper run; resume it with "
                    + "`ballast paper --resume " + output + "`, or give another --out");
        }
    }

    private static void deletePointer(Path output) {
        try {
            Files.deleteIfExists(output.resolve(POINTER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the journal pointer in " + output, e);
        }
    }

    /**
     * Removes a previous backtest's journal segments from {@code dir}. {@link dev.ballast.runtime.folder.RunFolder#claim} refused the folder before
     * if that journal was a paper run's or of a run it could not tell.
     */
    private static void deleteOldSegments(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "segment-*.journal")) {
                    for (Path segment : old) Files.delete(segment);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the journal in " + dir.getParent(), e);
        }
    }
}
