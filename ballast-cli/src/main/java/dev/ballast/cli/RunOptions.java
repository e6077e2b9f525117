package dev.ballast.cli;

import dev.ballast.cli.config.ConfigException;
import dev.ballast.cli.config.RunPlan;
import dev.ballast.cli.config.RunPlanner;
import dev.ballast.cli.report.HtmlReport;
import dev.ballast.cli.metrics.LiveMetrics;
import dev.ballast.cli.report.PngCharts;
import dev.ballast.cli.run.ResultWriter;
import dev.ballast.cli.run.RunExecutor;
import dev.ballast.cli.run.RunMode;
import dev.ballast.cli.run.SummaryPrinter;
import dev.ballast.engine.ProgressListener;
import dev.ballast.engine.data.BadRowPolicy;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** The options backtest and paper share, and the run they both do. */
class RunOptions {
    // Fields are set by picocli through the mixin subclass.
    @Parameters(index = "0", paramLabel = "CONFIG", description = "The run configuration (YAML).")
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
        RunPlan plan = RunPlanner.plan(config);
        if (skipBadRows) {
            plan = plan.skippingBadRows();
        }
        Path output = outDir != null ? outDir : plan.output();
        double speed = speedOverride != null ? speedOverride : plan.paperSpeed();
        Integer port = metricsPort != null ? metricsPort : mode == RunMode.PAPER ? plan.metricsPort() : null;
        if (port != null && (port < 0 || port > 65535)) {
            throw new ConfigException("--metrics-port must be between 0 and 65535, was " + port);
        }
        RunExecutor.Outcome outcome;
        try (LiveMetrics metrics = port == null ? null : LiveMetrics.start(port)) {
            if (metrics != null) err.println("metrics: " + metrics.url());
            outcome = RunExecutor.execute(plan, mode, speed, progress(err), message -> {
                err.println();
                err.println("error: " + message);
                err.flush();
                System.exit(BallastCli.FATAL);
            }, plan.statistics(), plan.alertBands(), engine -> {
                if (metrics != null) metrics.attach(engine);
            });
        }
        if (!quiet && System.console() != null) err.print("\r" + " ".repeat(60) + "\r");
        ResultWriter.write(output, plan, mode.name().toLowerCase(Locale.ROOT), outcome);
        Path report = HtmlReport.write(output);
        SummaryPrinter.print(out, (mode == RunMode.BACKTEST ? "Backtest " : "Paper run ") + plan.name(), outcome.result(), output,
                outcome.analytics());
        out.printf(Locale.ROOT, "  %-18s %s%n", "Report", report);
        out.printf(Locale.ROOT, "  %-18s %s%n", "Chart", PngCharts.write(output));
        return 0;
    }

    private ProgressListener progress(PrintStream err) {
        if (quiet || System.console() == null) return ProgressListener.NONE;
        return (events, timestamp) -> err.printf(Locale.ROOT, "\r  %,d events, at %s   ", events,
                Instant.ofEpochSecond(Math.floorDiv(timestamp, 1_000_000_000L)));
    }
}
