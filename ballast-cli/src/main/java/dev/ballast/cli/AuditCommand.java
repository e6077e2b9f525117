package dev.ballast.cli;

import dev.ballast.engine.journal.FileJournalStore;
import dev.ballast.engine.journal.JournalVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ballast audit ...}: the run's journal (audit trail). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Inspect a run's audit journal.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {
    /** Where a run keeps its journal: {@code RUN/journal}, or RUN itself when it holds the segments. */
    static Path journalDir(Path run) {
        Path sub = run.resolve("journal");
        return Files.isDirectory(sub) ? sub : run;
    }

    /** {@code ballast audit verify RUN}: exit 0 when the chain is intact, 1 on tampering or damage, 2 without a journal. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the run's journal hash chain end to end. Prints OK with the record count, or the first "
                    + "bad record and why; exit code 1 when the journal was tampered with or damaged.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN", description = "The run's output folder (or its journal folder).")
        Path run;

        @Override
        public Integer call() throws IOException {
            Path dir = journalDir(run);
            if (!Files.isDirectory(dir)) {
                System.err.println("error: no such run folder: " + run);
                return BallastCli.USER_ERROR;
            }
            try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
                if (store.segments().isEmpty()) {
                    System.err.println("error: no journal in " + run);
                    return BallastCli.USER_ERROR;
                }
                JournalVerifier.Result result = JournalVerifier.verify(store);
                System.out.println(result);
                return result.ok() ? 0 : 1;
            }
        }
    }
}
