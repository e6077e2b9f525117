package dev.ballast.cli;

import dev.ballast.cli.audit.JournalAccessOptions;
import dev.ballast.cli.report.HtmlReport;
import dev.ballast.runtime.results.JournalResults;
import dev.ballast.runtime.folder.RunFolder;
import dev.ballast.runtime.folder.RunFolderLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ballast report RUN}: regenerates report.html from a finished run folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate the self-contained HTML report (report.html) of a finished run folder; a run whose "
                + "journal recorded its end but whose results.json, orders.csv or fills.csv are missing gets them "
                + "regenerated from the journal first.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "A finished run's output folder (with results.json).")
    Path run;

    @Mixin
    JournalAccessOptions journal;

    @Override
    public Integer call() {
        try (RunFolderLock lock = RunFolder.claimExisting(run)) { // not while a run writes the folder
            List<Path> regenerated = JournalResults.regenerateIfFinished(run, journal.access());
            if (!regenerated.isEmpty()) System.out.println("Regenerated from the run's journal: " + regenerated);
            Path report = HtmlReport.write(run);
            System.out.println("Report written to " + report);
            return 0;
        }
    }
}
