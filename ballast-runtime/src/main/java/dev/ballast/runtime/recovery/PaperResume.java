package dev.ballast.runtime.recovery;

import dev.ballast.model.RunMode;
import dev.ballast.runtime.journal.JournalAccess;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.runtime.journal.RunJournals;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.runtime.plan.Sha256;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.engine.journal.RunJournal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * What {@code ballast paper --resume RUN} starts from: the run's journal (its files, or its PostgreSQL run), checked
 * end to end, and the configuration its first record names, unchanged since. Refuses (with what is wrong) a folder
 * without a journal, a run that never journaled its start, a journal that was tampered with or damaged anywhere but
 * a torn last write (nothing is cut then), a run that was not a paper run or that finished or was stopped, and a
 * configuration that changed.
 */
public final class PaperResume implements AutoCloseable {
    /** The resume cannot start: the journal is damaged or was tampered with (exit code 1, like audit verify). */
    public static final class JournalDamagedException extends RuntimeException {
        JournalDamagedException(String message) {
            super(message);
        }
    }

    private final Path runDir;
    private final RunJournal.RunStarted started;
    private final JournalStore reader;

    private PaperResume(Path runDir, RunJournal.RunStarted started, JournalStore reader) {
        this.runDir = runDir;
        this.started = started;
        this.reader = reader;
    }

    /** The paper venue's order log of a run folder. */
    public static Path venueOrderLog(Path runDir) {
        return runDir.resolve("venue").resolve("orders.log");
    }

    /**
     * Checks the run folder and reads its run-start record. {@code givenConfig} (null when not given) must be the
     * configuration the run started with; a run journaled in PostgreSQL needs it, for its database and credentials.
     */
    public static PaperResume open(Path runDir, Path givenConfig) {
        Path journal = RunJournals.journalDir(runDir);
        boolean pointer = Files.isRegularFile(runDir.resolve(RunJournals.POINTER));
        if (!pointer && !Files.isDirectory(journal)) {
            throw new ConfigException("--resume " + runDir + ": no journal there (expected " + journal + ")");
        }
        if (!pointer && FileJournalStore.holdsNoRecord(journal)) {
            throw new ConfigException("--resume " + runDir + ": the run in " + runDir + " never journaled its start "
                    + "(it stopped before its first journal record), so there is nothing to resume; start it again with "
                    + "`ballast paper CONFIG --out " + runDir + "`");
        }
        JournalAccess access = access(runDir, givenConfig);
        try (JournalStore check = RunJournals.openForAudit(runDir, access)) {
            String[] lastType = {null};
            JournalVerifier.Result result = JournalVerifier.verify(check, record -> lastType[0] = record.type());
            // A torn last write is what a crash leaves; anything else is damage or tampering.
            if (!result.ok() && result.problem() != JournalVerifier.Problem.TORN) {
                throw new JournalDamagedException("--resume " + runDir + ": the journal cannot be trusted, refusing to resume: "
                        + result);
            }
            if (result.count() == 0) {
                throw new ConfigException("--resume " + runDir + ": the journal holds no complete record; start the run again");
            }
            if ("RunFinished".equals(lastType[0])) {
                throw new ConfigException("--resume " + runDir + ": the run finished; there is nothing to resume");
            }
            if ("RunStopped".equals(lastType[0])) {
                throw new ConfigException("--resume " + runDir + ": the run was stopped (by an operator or a signal) and "
                        + "ended cleanly; there is nothing to resume, start a new run");
            }
        }
        JournalStore reader = RunJournals.openForAudit(runDir, access);
        try {
            refuseOlderFormat(runDir, reader.format());
            JournalRecord first = reader.read(1).next();
            if (!(RunJournal.decoder().decode(first.type(), first.payload()) instanceof RunJournal.RunStarted started)) {
                throw new JournalDamagedException("--resume " + runDir + ": record 1 is a " + first.type() + ", not the run start");
            }
            PaperResume resume = new PaperResume(runDir, started, reader);
            resume.check(givenConfig);
            return resume;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The journal database for resuming {@code runDir}: from {@code givenConfig}, which a run journaled in PostgreSQL
     * needs (a run folder supplies no database or credentials); NONE for a file journal without it.
     */
    public static JournalAccess access(Path runDir, Path givenConfig) {
        if (Files.isRegularFile(runDir.resolve(RunJournals.POINTER)) && givenConfig == null) {
            throw new ConfigException("--resume " + runDir + ": the run is journaled in PostgreSQL; give the configuration "
                    + "it started with (`ballast paper --resume " + runDir + " CONFIG`): a run folder supplies no database "
                    + "or credentials");
        }
        return givenConfig == null ? JournalAccess.NONE
                : JournalAccess.of(RunPlanner.plan(givenConfig).journal(), givenConfig);
    }

    /**
     * A run is resumed by re-executing it and matching what it does with its journal, record for record. A journal of
     * an older format was written in another event order (format 2: a bracket's exits before its entry's fill), which
     * this Ballast cannot reproduce: refused, by name; the audit commands still read it.
     */
    private static void refuseOlderFormat(Path runDir, int format) {
        if (format == JournalStore.FORMAT) return;
        throw new ConfigException("--resume " + runDir + ": the journal is format " + format + ", written by an earlier "
                + "Ballast whose events came in another order (format 2: a bracket's exits before its entry's fill); this "
                + "Ballast resumes format " + JournalStore.FORMAT + " journals only. `ballast audit` still reads it; "
                + "resume it with the Ballast that wrote it, or start the run again");
    }

    private void check(Path givenConfig) {
        if (!"PAPER".equals(started.mode()) && !"LIVE".equals(started.mode())) {
            throw new ConfigException("--resume " + runDir + ": the journal is of a " + started.mode().toLowerCase()
                    + " run; only paper and live runs resume (a backtest is simply run again)");
        }
        Path config = Path.of(started.configFile());
        if (!Files.isRegularFile(config)) {
            throw new ConfigException("--resume " + runDir + ": the run's configuration " + config + " is gone");
        }
        if (givenConfig != null && !sameFile(givenConfig, config)) {
            throw new ConfigException("--resume " + runDir + ": " + givenConfig + " is not the configuration the run "
                    + "started with (" + config + ")");
        }
        String hash = Sha256.ofFile(config);
        if (!hash.equals(started.configSha256())) {
            throw new ConfigException("--resume " + runDir + ": " + config + " changed since the run started (SHA-256 "
                    + started.configSha256() + ", now " + hash + "); resuming with another configuration would not be this run");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    public Path runDir() {
        return runDir;
    }

    public RunJournal.RunStarted started() {
        return started;
    }

    /** The replay speed the run started at (0 for max). */
    public double speed() {
        return started.speed() == null || started.speed().equals("max") ? 0 : Double.parseDouble(started.speed());
    }

    /** How the run traded: PAPER or LIVE (its resume trades the same way). */
    public RunMode mode() {
        return RunMode.valueOf(started.mode());
    }

    public Path config() {
        return Path.of(started.configFile());
    }

    /** The stored records after the run start, in order, for the re-execution to match. */
    public Iterator<JournalRecord> recordsAfterStart() {
        return reader.read(2);
    }

    @Override
    public void close() {
        reader.close();
    }
}
