package dev.ballast.runtime.journal;

import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.JournalSettings;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.journal.postgres.PostgresConnection;
import dev.ballast.journal.postgres.PostgresJournalStore;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

/**
 * Where a run's journal goes, and how {@code ballast audit} finds it again. A file journal lives in OUTPUT/journal.
 * A PostgreSQL journal lives in the database under a run id of its own (the output folder's name and a UUID), and
 * OUTPUT/{@value #POINTER} says where: store, url, user, the password's environment variable and the run id, never
 * the password. Each run replaces what a previous run left in its output folder.
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
     * Opens a new run's journal. A backtest replaces what a previous run left in the folder (it can be run again);
     * a paper run refuses a folder that holds a journal, since that is the only record of what was traded: it is
     * resumed (`--resume`) or moved, never overwritten. A file journal without a complete record (its run stopped
     * before journaling its start) is no such record, and is replaced.
     */
    public static Opened open(JournalSettings settings, boolean backtest, Path output, Path configFile) {
        Path dir = journalDir(output);
        if (!backtest) refuseExistingJournal(output, dir);
        deleteOldJournal(output, dir);
        if (settings.store() == JournalSettings.Store.FILE) {
            RunJournal journal = RunJournal.open(dir, settings.fsyncFor(backtest), settings.marketData());
            if (backtest) journal.waitWhenFull();
            return new Opened(journal, dir.toString());
        }
        JournalSettings.Postgres pg = settings.postgres();
        String runId = output.toAbsolutePath().normalize().getFileName() + "-" + UUID.randomUUID();
        PostgresJournalStore store;
        try {
            store = PostgresJournalStore.open(connection(pg.url(), pg.user(), pg.passwordEnv(), configFile + ": journal.postgres"), runId);
        } catch (JournalException e) {
            throw new ConfigException(configFile + ": journal.postgres: " + e.getMessage(), e);
        }
        writePointer(output, pg, runId);
        RunJournal journal = new RunJournal(new JournalWriter(store), store, settings.marketData(), null);
        if (backtest) journal.waitWhenFull();
        return new Opened(journal, "postgres " + pg.url() + " run " + runId);
    }

    /** The journal of run folder {@code run} for reading: its PostgreSQL run when it has a pointer, else its files. */
    public static JournalStore openForAudit(Path run) {
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
        Pointer target = pointer(run);
        PostgresJournalStore store;
        try {
            store = PostgresJournalStore.openReadOnly(target.connection(), target.runId());
        } catch (JournalException e) {
            throw new ConfigException(pointer + ": " + e.getMessage(), e);
        }
        if (store.last().isEmpty()) {
            store.close();
            throw new ConfigException("no journal records for run " + target.runId() + " at " + target.url());
        }
        return store;
    }

    /**
     * Opens the journal of the paper run in {@code output} again for appending (a resume): its chain continues.
     * A file journal's torn last write, if any, is cut first.
     */
    public static Opened reopen(Path output, JournalSettings settings) {
        if (!Files.isRegularFile(output.resolve(POINTER))) {
            Path dir = journalDir(output);
            return new Opened(RunJournal.open(dir, settings.fsyncFor(false), settings.marketData()), dir.toString());
        }
        Pointer target = pointer(output);
        PostgresJournalStore store;
        try {
            store = PostgresJournalStore.open(target.connection(), target.runId());
        } catch (JournalException e) {
            throw new ConfigException(output.resolve(POINTER) + ": " + e.getMessage(), e);
        }
        return new Opened(new RunJournal(new JournalWriter(store), store, settings.marketData(), null),
                "postgres " + target.url() + " run " + target.runId());
    }

    /** Where a PostgreSQL-journaled run's records are, as its {@value #POINTER} says. */
    private record Pointer(String url, String runId, PostgresConnection connection) {
    }

    private static Pointer pointer(Path run) {
        Path pointer = run.resolve(POINTER);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(pointer, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
        if (!"postgres".equals(p.getProperty("store"))) {
            throw new ConfigException(pointer + ": store: '" + p.getProperty("store") + "' is not postgres");
        }
        String url = required(p, "url", pointer);
        String runId = required(p, "runId", pointer);
        return new Pointer(url, runId, connection(url, p.getProperty("user"), p.getProperty("passwordEnv"), pointer.toString()));
    }

    private static String required(Properties p, String key, Path pointer) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) throw new ConfigException(pointer + ": " + key + " is missing");
        return value;
    }

    /** The connection, with the password read from its environment variable now (and kept nowhere else). */
    private static PostgresConnection connection(String url, String user, String passwordEnv, String where) {
        String password = null;
        if (passwordEnv != null && !passwordEnv.isBlank()) {
            password = System.getenv(passwordEnv);
            if (password == null) {
                throw new ConfigException(where + ": passwordEnv: the environment variable " + passwordEnv + " is not set");
            }
        }
        return new PostgresConnection(url, user, password);
    }

    private static void writePointer(Path output, JournalSettings.Postgres pg, String runId) {
        Properties p = new Properties();
        p.setProperty("store", "postgres");
        p.setProperty("url", pg.url());
        p.setProperty("user", pg.user());
        if (pg.passwordEnv() != null) p.setProperty("passwordEnv", pg.passwordEnv());
        p.setProperty("runId", runId);
        try {
            Files.createDirectories(output);
            try (Writer out = Files.newBufferedWriter(output.resolve(POINTER), StandardCharsets.UTF_8)) {
                p.store(out, "This run's journal is in PostgreSQL (ballast audit verify reads this file). "
                        + "The password is not kept here: passwordEnv names the environment variable that holds it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output.resolve(POINTER), e);
        }
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

    /** Removes a previous run's journal from the output folder: its segments, or its pointer to PostgreSQL. */
    private static void deleteOldJournal(Path output, Path dir) {
        try {
            Files.deleteIfExists(output.resolve(POINTER));
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "segment-*.journal")) {
                    for (Path segment : old) Files.delete(segment);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the journal in " + output, e);
        }
    }
}
