package dev.ballast.cli;

import java.util.stream.Collectors;
import dev.ballast.model.ClientOrderId;
import dev.ballast.cli.lifecycle.RegistryRunCheck;
import dev.ballast.cli.metrics.LiveMetrics;
import dev.ballast.cli.report.HtmlReport;
import dev.ballast.cli.report.PngCharts;
import dev.ballast.engine.ProgressListener;
import dev.ballast.model.RunMode;
import dev.ballast.runtime.Run;
import dev.ballast.runtime.RunOutcome;
import dev.ballast.runtime.folder.RunFolder;
import dev.ballast.runtime.folder.RunFolderLock;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.runtime.plan.RunPreflight;
import dev.ballast.runtime.recovery.PaperResume;
import dev.ballast.runtime.recovery.RunRecovery;
import dev.ballast.runtime.results.JournalResults;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The options backtest, paper and live share, and the run they all do. */
class RunOptions {
    // Fields are set by picocli through the mixin subclass.
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "The run configuration (YAML).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: run.output of the config).")
    Path outDir;

    @Option(names = "--skip-bad-rows", description = "Skip bad data rows and count them, instead of stopping at the first.")
    boolean skipBadRows;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve live Prometheus metrics at "
            + "http://127.0.0.1:PORT/metrics during the run (0 = any free port). Paper runs otherwise use metrics.port "
            + "of the config; backtests have metrics only with this option.")
    Integer metricsPort;

    int execute(RunMode mode, Double speedOverride, PrintStream out, PrintStream err) {
        if (config == null) throw new ConfigException("a run configuration (CONFIG) is required");
        RunPlan plan = checked(RunPlanner.plan(config), err);
        // One process per run folder, from before anything is written into it until the run's files are written.
        try (RunFolderLock lock = RunFolder.claim(outDir != null ? outDir : plan.output(), mode)) {
            return execute(plan, mode, speedOverride, out, err, null);
        }
    }

    /**
     * Resumes the paper run in {@code runDir} after a crash (see {@link RunRecovery}), at {@code speed}, or at the
     * speed it ran at when null. CONFIG, when given, must be the configuration the run started with; a run journaled
     * in PostgreSQL needs it (its database and credentials come from there, never from the run folder).
     */
    int resume(RunMode mode, Path runDir, Double speed, PrintStream out, PrintStream err) {
        if (outDir != null) throw new ConfigException("--resume continues the run in its own folder; give no --out");
        try (RunFolderLock lock = RunFolder.claimExisting(runDir)) {
            // A run killed after its journal recorded its end, before its results were written: nothing to re-execute.
            List<Path> regenerated = JournalResults.regenerateIfFinished(runDir, PaperResume.access(runDir, config));
            if (!regenerated.isEmpty()) {
                out.println("The run had finished; regenerated from its journal: " + regenerated);
                out.println("Report written to " + HtmlReport.write(runDir));
                return 0;
            }
            try (PaperResume resume = PaperResume.open(runDir, config)) {
                if (resume.mode() != mode) {
                    String started = resume.mode().name().toLowerCase(Locale.ROOT);
                    throw new ConfigException("--resume " + runDir + ": the run there is a " + started + " run; resume it "
                            + "with `ballast " + started + " --resume " + runDir + "`");
                }
                return execute(checked(RunPlanner.plan(resume.config()), err), mode,
                        speed != null ? speed : resume.speed(), out, err, resume);
            }
        }
    }

    /**
     * The plan as it will run, checked before its folder is claimed or anything is written: a registry document runs
     * only as its record holds it, and a strategy symbol without data refuses the run (exit 2).
     */
    private RunPlan checked(RunPlan plan, PrintStream err) {
        RegistryRunCheck.check(plan);
        if (skipBadRows) plan = plan.skippingBadRows();
        for (String warning : RunPreflight.check(plan)) err.println("warning: " + warning);
        return plan;
    }

    private int execute(RunPlan plan, RunMode mode, Double speedOverride, PrintStream out, PrintStream err,
                        PaperResume resume) {
        if (mode == RunMode.LIVE) {
            for (String warning : RunPreflight.liveVenue(plan.venue())) err.println("warning: " + warning);
        }
        Integer port = metricsPort != null ? metricsPort : mode.realTime() ? plan.metricsPort() : null;
        if (port != null && (port < 0 || port > 65535)) {
            throw new ConfigException("--metrics-port must be between 0 and 65535, was " + port);
        }
        RunOutcome outcome;
        SignalStop signals = null;
        try (LiveMetrics metrics = port == null ? null : LiveMetrics.start(port)) {
            if (metrics != null) err.println("metrics: " + metrics.url());
            Run.Builder run = resume != null ? Run.resuming(resume, plan)
                    : Run.of(plan, mode).output(outDir != null ? outDir : plan.output());
            if (speedOverride != null) run.speed(speedOverride);
            run.progress(progress(err)).version(BallastCli.VERSION).onFatal(message -> {
                err.println();
                err.println("error: " + TerminalText.safeLines(message));
                err.flush();
                System.exit(BallastCli.FATAL);
            });
            if (metrics != null) run.attach(metrics::attach);
            Run built = run.build();
            signals = mode.realTime() ? SignalStop.install(built.handle(), err) : null;
            try (LiveStatusLine status = mode == RunMode.LIVE && !quiet && System.console() != null
                    ? LiveStatusLine.start(built.handle(), err) : null) {
                outcome = built.execute();
            }
        } catch (RuntimeException e) {
            if (signals != null) signals.close();
            throw e;
        }
        try {
            int code = report(plan, mode, outcome, out, err);
            // Stopped by a signal: the code says so (results, report and summary are written all the same).
            return signals != null && signals.signal() != null && outcome.stoppedBy() != null
                    && outcome.stoppedBy().operator().startsWith("signal:") ? signals.exitCode() : code;
        } finally {
            if (signals != null) signals.close();
        }
    }

    /** Prints how the run ended and writes its report; returns the exit code. */
    private int report(RunPlan plan, RunMode mode, RunOutcome outcome, PrintStream out, PrintStream err) {
        Path output = outcome.output();
        RunOutcome.JournalSummary journal = outcome.journal();
        boolean journalFailed = journal != null && journal.failed();
        RunOutcome.RecoverySummary recovery = outcome.recovery();
        if (recovery != null) {
            if (outcome.refused()) {
                err.println("error: " + TerminalText.safeLines(recovery.detail()));
                return BallastCli.RECOVERY_REFUSED;
            }
            out.printf(Locale.ROOT, "Resumed %s: %,d journal records matched by re-execution; broker %s%n", output,
                    recovery.matchedRecords(), recovery.outcome() == RunRecovery.Outcome.RECONCILED ? "reconciled"
                            : "NOT reconciled, account HALTED: " + recovery.detail());
            if (!recovery.closedNeverSent().isEmpty()) {
                out.printf(Locale.ROOT, "  %d order(s) journaled whose messages never left before the crash were closed "
                        + "(rejected, or canceled when a cancel was pending), never sent: %s%n",
                        recovery.closedNeverSent().size(), TerminalText.safeLines(recovery.closedNeverSent().stream()
                                .map(ClientOrderId::value).collect(Collectors.joining(", "))));
            }
            if (recovery.unrecordedRequests() > 0) {
                out.printf(Locale.ROOT, "  %d strategy request(s) sent just before the crash, never journaled, were "
                        + "handled as new%n", recovery.unrecordedRequests());
            }
        }
        if (!quiet && System.console() != null) err.print("\r" + " ".repeat(60) + "\r");
        Path report = HtmlReport.write(output);
        if (outcome.startReconciliation() != null) {
            out.printf(Locale.ROOT, "Venue %s %s%n", plan.venue().type(), outcome.startReconciliation().matched()
                    ? "reconciled before the first order"
                    : "NOT reconciled, account HALTED: " + TerminalText.safeLines(outcome.startReconciliation().detail()));
        }
        String title = switch (mode) {
            case BACKTEST -> "Backtest ";
            case PAPER -> "Paper run ";
            case LIVE -> "Live run (" + plan.venue().type() + ") ";
        };
        SummaryPrinter.print(out, title + plan.name(), outcome.result(), output,
                outcome.analytics());
        out.printf(Locale.ROOT, "  %-18s %s%n", "Report", report);
        out.printf(Locale.ROOT, "  %-18s %s%n", "Chart", PngCharts.write(output));
        if (journal != null) {
            out.printf(Locale.ROOT, "  %-18s %s (%d records)%n", "Journal", journal.location(), journal.records());
            // Printed, not only stored beside the journal: kept elsewhere, it lets `audit verify --anchor` catch a
            // rewritten or cut tail.
            out.printf(Locale.ROOT, "  %-18s %s%n", "Journal head", journal.head());
        }
        if (journalFailed) {
            // Not a warning: the account halted mid-run and the journal misses what followed; scripts must see it.
            err.println("error: the journal failed during the run; the account was halted (JOURNAL_FAILURE) and the "
                    + "journal is incomplete");
            return BallastCli.JOURNAL_FAILED;
        }
        return 0;
    }

    private ProgressListener progress(PrintStream err) {
        if (quiet || System.console() == null) return ProgressListener.NONE;
        return (events, timestamp) -> err.printf(Locale.ROOT, "\r  %,d events, at %s   ", events,
                Instant.ofEpochSecond(Math.floorDiv(timestamp, 1_000_000_000L)));
    }
}
