package dev.ballast.cli;

import dev.ballast.runtime.plan.StrategyDocumentLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ballast strategy ...}: strategy documents written in the strategy language. */
@Command(name = "strategy", mixinStandardHelpOptions = true,
        description = "Work with strategy documents (the strategy language) and move registered strategies through their lifecycle.",
        subcommands = {StrategyCommand.Validate.class, LifecycleCommands.Promote.class, LifecycleCommands.Retire.class})
final class StrategyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: validate, promote or retire");
    }

    /** {@code ballast strategy validate FILE}: checks a document without running it. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a strategy document (YAML or JSON) without running it; exit 0 when valid, 2 with every error.")
    static final class Validate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "A strategy document (.yaml, .yml or .json).")
        Path file;

        @Override
        public Integer call() {
            StrategyDocumentLoader.LoadResult result = StrategyDocumentLoader.load(file);
            if (result.valid()) {
                int symbols = result.document().universe().size();
                System.out.println(TerminalText.safe(file) + ": valid (" + symbols + " symbol" + (symbols == 1 ? "" : "s") + ", warm-up "
                        + result.warmUpBars() + " bars)");
                return 0;
            }
            for (String error : result.errors()) System.out.println(TerminalText.safe(file) + ": " + TerminalText.safe(error));
            return BallastCli.USER_ERROR;
        }
    }
}
