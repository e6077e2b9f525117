package dev.ballast.cli;

import dev.ballast.model.RunMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code ballast backtest CONFIG}: runs the configured strategies over the data on a simulated clock. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Backtest the configured strategies over historical data, as fast as the machine allows.")
final class BacktestCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return options.execute(RunMode.BACKTEST, null, new PrintStream(System.out, true), System.err);
    }
}
