package dev.ballast.runtime.journal;

import dev.ballast.runtime.folder.AtomicFiles;
import dev.ballast.runtime.plan.ConfigException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * A run folder's {@value RunJournals#POINTER}: which PostgreSQL database (its URL, for the check that it is the one
 * the user gave) and which run id hold the folder's journal, and the mode of the run (a backtest's pointer may be
 * replaced by the next backtest; a paper run's never). The folder is data, not configuration: the user and the
 * password's environment variable are not written here, and those of pointers written by earlier builds are ignored
 * (see {@link JournalAccess}).
 *
 * @param mode {@code BACKTEST} or {@code PAPER}; null in pointers written before the mode was recorded
 */
public record JournalPointer(String url, String runId, String mode) {

    /** The pointer in run folder {@code run}. */
    public static Path file(Path run) {
        return run.resolve(RunJournals.POINTER);
    }

    /** Reads the pointer of run folder {@code run}. */
    public static JournalPointer read(Path run) {
        Path pointer = file(run);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(pointer, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
        if (!"postgres".equals(p.getProperty("store"))) {
            throw new ConfigException(pointer + ": store: '" + p.getProperty("store") + "' is not postgres");
        }
        String mode = p.getProperty("mode");
        return new JournalPointer(required(p, "url", pointer), required(p, "runId", pointer),
                mode == null ? null : mode.strip().toUpperCase(Locale.ROOT));
    }

    private static String required(Properties p, String key, Path pointer) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) throw new ConfigException(pointer + ": " + key + " is missing");
        return value.strip();
    }

    /** Writes this pointer into run folder {@code run}, atomically (replacing the previous one only once written). */
    public void write(Path run) {
        Properties p = new Properties();
        p.setProperty("store", "postgres");
        p.setProperty("url", url);
        p.setProperty("runId", runId);
        if (mode != null) p.setProperty("mode", mode);
        Path pointer = file(run);
        try {
            StringWriter text = new StringWriter();
            p.store(text, "This run's journal is in PostgreSQL. ballast audit and paper --resume connect only to the "
                    + "database the user gives (--config or --journal-url); no credentials are kept here.");
            AtomicFiles.writeString(pointer, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pointer + ": " + e.getMessage(), e);
        }
    }
}
