package dev.ballast.cli;

import dev.ballast.engine.journal.JournalStore;
import dev.ballast.engine.journal.JournalVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ballast audit ...}: the run's journal (audit trail). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Inspect a run's audit journal.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {
    /** {@code ballast audit verify RUN}: exit 0 when the chain is intact, 1 on tampering or damage, 2 without a journal. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the run's journal hash chain end to end. Prints OK with the record count, or the first "
                    + "bad record and why; exit code 1 when the journal was tampered with or damaged.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN", description = "The run's output folder (or its journal folder). A run journaled into PostgreSQL is found through its journal.properties.")
        Path run;

        @Override
        public Integer call() {
            try (JournalStore store = RunJournals.openForAudit(run)) {
                JournalVerifier.Result result = JournalVerifier.verify(store);
                System.out.println(result);
                return result.ok() ? 0 : 1;
            }
        }
    }
}
