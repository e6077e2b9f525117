package dev.ballast.cli;

import java.nio.file.Path;
import dev.ballast.model.RunMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code ballast paper CONFIG}: paper trading in real time. The data files are replayed at a chosen
 * speed into the engine; strategies run on their own threads and the paper broker fills on the wall clock.
 */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = "Paper-trade the configured strategies in real time against the data replayed at a chosen speed.")
final class PaperCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Option(names = "--speed", paramLabel = "SPEED", description = "Replay speed: 1 (real time), 10, ... or max (default: paper.speed of the config, else 1).")
    String speed;

    @Option(names = "--resume", paramLabel = "RUN", description = "Resume the paper run in folder RUN after a crash: "
            + "re-execute it from its journal, reconcile the broker, then carry on at --speed, or the speed it ran at "
            + "(no --out; CONFIG only to name the configuration the run started with, which a run journaled in "
            + "PostgreSQL needs for its database).")
    Path resume;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Double parsed = ReplaySpeed.parse(speed, spec);
        if (resume != null) return options.resume(RunMode.PAPER, resume, parsed, new PrintStream(System.out, true), System.err);
        return options.execute(RunMode.PAPER, parsed, new PrintStream(System.out, true), System.err);
    }
}
