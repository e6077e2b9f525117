package dev.ballast.cli;

import dev.ballast.cli.report.CompareReport;
import dev.ballast.cli.report.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ballast compare RUN RUN}: two finished runs side by side, in the terminal and as an HTML page. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Set two finished runs side by side: key figures in the terminal, and an HTML page with both "
                + "equity curves (normalised to 1.0 at the start).")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The first run's output folder.")
    Path first;

    @Parameters(index = "1", paramLabel = "RUN", description = "The second run's output folder.")
    Path second;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "compare.html",
            description = "The comparison page to write (default: ${DEFAULT-VALUE} in the current folder).")
    Path out;

    @Override
    public Integer call() {
        RunData a = RunData.load(first);
        RunData b = RunData.load(second);
        Path written = CompareReport.write(a, b, out);
        CompareReport.printTable(new PrintStream(System.out, true), a, b, written);
        return 0;
    }
}
