package dev.ballast.cli.audit;

import dev.ballast.engine.journal.FileJournalStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and opens a run's journal for reading: {@code RUN/journal}, or RUN itself when it holds the segments. */
public final class RunJournalFolder {
    private RunJournalFolder() {
    }

    /**
     * The run's journal, opened read-only (the files are never changed).
     *
     * @throws AuditException when there is no such folder or it holds no journal
     */
    public static FileJournalStore open(Path run) {
        Path sub = run.resolve("journal");
        Path dir = Files.isDirectory(sub) ? sub : run;
        if (!Files.isDirectory(dir)) throw new AuditException("no such run folder: " + run);
        FileJournalStore store = FileJournalStore.openReadOnly(dir);
        try {
            if (store.segments().isEmpty()) {
                store.close();
                throw new AuditException("no journal in " + run + " (no segment-*.journal files in " + dir + ")");
            }
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return store;
    }
}
