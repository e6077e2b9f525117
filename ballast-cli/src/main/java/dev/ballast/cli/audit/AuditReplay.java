package dev.ballast.cli.audit;

import dev.ballast.cli.TerminalText;
import dev.ballast.runtime.plan.Sha256;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.runtime.journal.JournalAccess;
import dev.ballast.runtime.journal.RunJournals;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.runtime.recovery.PortfolioReplay;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.Symbol;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Locale;

/**
 * {@code ballast audit replay RUN}: rebuilds the run's final portfolio from its journal (the fills it booked,
 * marked at the prices it ended on) and checks it against the account the run recorded at its end, to the
 * last unit. Exit 0 when they are equal, 1 when they differ or the journal cannot be trusted.
 */
public final class AuditReplay {
    private AuditReplay() {}

    public static int run(Path run, JournalAccess access, PrintStream out, PrintStream err) {
        try (JournalStore store = RunJournals.openForAudit(run, access)) {
            JournalVerifier.Result verified = JournalVerifier.verify(store);
            if (!verified.ok()) {
                err.println("error: the journal cannot be trusted, nothing replayed: " + TerminalText.safe(verified));
                return 1;
            }
            if (verified.count() == 0) {
                throw new AuditException(run + ": the journal holds no record (its run stopped before journaling its "
                        + "start); there is nothing to replay");
            }
            Iterator<JournalRecord> records = store.read(1);
            JournalRecord first = records.next();
            if (!(RunJournal.decoder().decode(first.type(), first.payload()) instanceof RunJournal.RunStarted started)) {
                throw new AuditException(run + ": record 1 is a " + first.type() + ", not the run start");
            }
            RunPlan plan = plan(run, started);
            PortfolioReplay.Result result = PortfolioReplay.replay(records, plan.initialCash(), plan.instruments());
            print(out, result);
            if (result.matches()) {
                out.println("OK: the replayed portfolio equals the one the run recorded at its end");
                return 0;
            }
            for (String difference : result.differences()) err.println("DIFFERS: " + TerminalText.safe(difference));
            return 1;
        }
    }

    /** The run's configuration, for its starting cash and instruments, as it was when the run started. */
    private static RunPlan plan(Path run, RunJournal.RunStarted started) {
        if (started.configFile() == null) throw new AuditException(run + ": the run start does not name its configuration");
        Path config = Path.of(started.configFile());
        if (!Files.isRegularFile(config)) throw new AuditException(run + ": the run's configuration " + config + " is gone");
        if (!Sha256.ofFile(config).equals(started.configSha256())) {
            throw new AuditException(run + ": " + config + " changed since the run started; its starting cash and "
                    + "instruments may not be the run's");
        }
        return RunPlanner.plan(config);
    }

    private static void print(PrintStream out, PortfolioReplay.Result result) {
        PortfolioManager p = result.portfolio();
        out.printf(Locale.ROOT, "Replayed %,d fills%n", result.fills());
        out.printf(Locale.ROOT, "  %-14s %s%n", "Cash", p.cash());
        out.printf(Locale.ROOT, "  %-14s %s%n", "Realized P&L", p.realizedPnl());
        out.printf(Locale.ROOT, "  %-14s %s%n", "Fees", p.fees());
        out.printf(Locale.ROOT, "  %-14s %s%n", "Equity", p.equity());
        p.symbols().stream().sorted(Comparator.comparing(Symbol::value))
                .filter(s -> p.accountQuantityRaw(s) != 0)
                .forEach(s -> out.printf(Locale.ROOT, "  %-14s %s%n", TerminalText.safe(s.value()), p.accountPosition(s).quantity()));
    }
}
