package dev.ballast.cli;

import dev.ballast.model.RunMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ballast live CONFIG}: trading through the venue the config's {@code broker.type} names (fix, alpaca, or
 * paper), with every order written ahead in the journal and the venue reconciled before the first one. Market data is
 * the config's data files replayed at a speed, as in paper.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Trade the configured strategies through the venue of broker.type (fix, alpaca or paper): the venue "
                + "is reconciled before the first order, every order is journaled before it is sent.")
final class LiveCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Option(names = "--speed", paramLabel = "SPEED", description = "Replay speed of the data files: 1 (real time), 10, "
            + "... or max (default: paper.speed of the config, else 1).")
    String speed;

    @Option(names = "--resume", paramLabel = "RUN", description = "Resume the live run in folder RUN after a crash: "
            + "re-execute it from its journal, reconcile the venue, then carry on (no --out).")
    Path resume;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Double parsed = ReplaySpeed.parse(speed, spec);
        if (resume != null) return options.resume(RunMode.LIVE, resume, parsed, new PrintStream(System.out, true), System.err);
        return options.execute(RunMode.LIVE, parsed, new PrintStream(System.out, true), System.err);
    }
}
