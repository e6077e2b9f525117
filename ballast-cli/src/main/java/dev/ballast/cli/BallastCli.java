package dev.ballast.cli;

import dev.ballast.cli.config.ConfigException;
import dev.ballast.cli.report.ReportException;
import dev.ballast.engine.data.MarketDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;

/**
 * The {@code ballast} command line. User mistakes (a wrong config, a bad data file, a bad flag) get
 * one clear message and exit code 2, never a stack trace; a bug gets its stack trace and code 1; a run
 * that cannot go on (a strategy holding the backtest's engine thread) exits with 3.
 */
@Command(name = "ballast", mixinStandardHelpOptions = true, version = "ballast 0.1.0",
        description = "An event-driven engine for safely executing trading strategies.",
        subcommands = {BacktestCommand.class, PaperCommand.class, DataCommand.class, ReportCommand.class, CompareCommand.class, StrategyCommand.class,
                CommandLine.HelpCommand.class})
public final class BallastCli {
    public static final int USER_ERROR = 2;
    public static final int FATAL = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BallastCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof MarketDataException || e instanceof UncheckedIOException
                    || e instanceof ReportException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return USER_ERROR;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return USER_ERROR;
        });
        return cli.execute(args);
    }
}
