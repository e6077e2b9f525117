package dev.ballast.cli;

import dev.ballast.cli.audit.AuditReplay;
import dev.ballast.cli.audit.AuditFormat;
import dev.ballast.cli.audit.AuditListing;
import dev.ballast.cli.audit.AuditException;
import dev.ballast.cli.audit.AuditOptions;
import dev.ballast.cli.audit.JournalAccessOptions;
import dev.ballast.runtime.journal.RunJournals;
import dev.ballast.engine.journal.store.JournalHead;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.store.JournalVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ballast audit ...}: the run's journal (audit trail). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Inspect a run's audit journal.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class, AuditCommand.Export.class,
                AuditCommand.Replay.class})
final class AuditCommand {
    /**
     * {@code ballast audit verify RUN [--anchor SEQ:HASH]}: exit 0 when the chain is intact (and holds the anchor),
     * 1 on tampering or damage, 2 without a journal or for a malformed anchor.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the run's journal hash chain end to end. Prints OK with the record count and the head "
                    + "(SEQ:HASH of the last record, to keep elsewhere as an anchor), or the first bad record and why; "
                    + "exit code 1 when the journal was tampered with or damaged.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN", description = "The run's output folder (or its journal folder). For a run journaled into PostgreSQL, its journal.properties names the run; the database and credentials are given with --config or --journal-url.")
        Path run;

        @Mixin
        JournalAccessOptions journal;

        @Option(names = "--anchor", paramLabel = "SEQ:HASH", description = "A head printed earlier (by the run or by "
                + "this command) and kept outside the run folder: the journal must still hold that record with that "
                + "hash. Catches a tail rewritten with valid hashes, or cut off, which the chain alone cannot.")
        String anchor;

        @Override
        public Integer call() {
            JournalHead expected = JournalHead.EMPTY;
            if (anchor != null) {
                try {
                    expected = JournalHead.parse(anchor);
                } catch (IllegalArgumentException e) {
                    throw new AuditException("--anchor: " + e.getMessage());
                }
            }
            try (JournalStore store = RunJournals.openForAudit(run, journal.access())) {
                JournalRecord[] last = new JournalRecord[1];
                JournalVerifier.Result result = JournalVerifier.verify(store, expected, r -> last[0] = r);
                if (!result.ok()) {
                    System.out.println(TerminalText.safe(result));
                    return 1;
                }
                System.out.println(TerminalText.safe(result) + "; head " + (last[0] == null ? JournalHead.EMPTY : JournalHead.of(last[0]))
                        + (anchor == null ? "" : "; anchored record " + expected.sequence() + " matches"));
                return 0;
            }
        }
    }

    /** {@code ballast audit show RUN}: the records, filtered, as a table by default. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "List the run's journal records (filters combine with AND), checking the hash chain on the "
                    + "way; exit code 1 after the readable records when the journal is damaged.")
    static final class Show implements Callable<Integer> {
        @Mixin
        AuditOptions options;

        @Override
        public Integer call() {
            return AuditListing.run(options, AuditFormat.TABLE, null, System.out, System.err);
        }
    }

    /** {@code ballast audit export RUN}: the records, filtered, as JSON Lines by default, to a file or stdout. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the run's journal records (filters combine with AND) as JSON Lines or CSV, checking "
                    + "the hash chain on the way; exit code 1 after the readable records when the journal is damaged.")
    static final class Export implements Callable<Integer> {
        @Mixin
        AuditOptions options;

        @Option(names = "--output", paramLabel = "FILE", description = "Where to write (default: standard output).")
        Path output;

        @Override
        public Integer call() {
            return AuditListing.run(options, AuditFormat.JSON, output, System.out, System.err);
        }
    }

    /** {@code ballast audit replay RUN}: the final portfolio rebuilt from the journal, checked against the run's. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Rebuild the run's final portfolio from its journal (the fills it booked, marked at the prices "
                    + "it ended on) and check it against the account the run recorded at its end; exit code 1 when they "
                    + "differ or the journal cannot be trusted.")
    static final class Replay implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN", description = "The run's output folder (or its journal folder).")
        Path run;

        @Mixin
        JournalAccessOptions journal;

        @Override
        public Integer call() {
            return AuditReplay.run(run, journal.access(), System.out, System.err);
        }
    }
}
