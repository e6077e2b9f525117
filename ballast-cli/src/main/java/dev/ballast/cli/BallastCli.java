package dev.ballast.cli;

import dev.ballast.cli.audit.AuditException;
import dev.ballast.cli.lifecycle.LifecycleException;
import dev.ballast.runtime.recovery.PaperResume;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.cli.generate.GenerationFailedException;
import dev.ballast.cli.generate.LlmServiceException;
import dev.ballast.cli.report.ReportException;
import dev.ballast.engine.data.MarketDataException;
import dev.ballast.engine.journal.store.JournalException;
import picocli.CommandLine;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;

/**
 * The {@code ballast} command line. User mistakes (a wrong config, a bad data file, a bad flag) get
 * one clear message and exit code 2, never a stack trace; a journal that is damaged or cannot be read as it must
 * be (a stray file in its folder) one line and code 1, like {@code audit verify}; a bug gets its stack trace and
 * code 1; a run
 * that cannot go on (a strategy callback past the hard limit in a backtest or a resume's re-execution) exits with 3. {@code generate}
 * adds 4 when the LLM service cannot be used (it refuses the request, or keeps failing through every
 * retry) and 5 when the model gives no valid strategy within the repair limit; neither is the user's
 * mistake in the command, and scripts may want to retry on 4 later but not on 5. {@code strategy promote}
 * exits with 6 when a lifecycle gate refuses the promotion (an illegal transition is a user error, 2). A resume
 * refused because the re-executed run does not match its journal exits with 7; a run whose journal store failed
 * during the run (its account halted) exits with 8 after writing its results.
 */
@Command(name = "ballast", mixinStandardHelpOptions = true, version = "ballast " + BallastCli.VERSION,
        description = "An event-driven engine for safely executing trading strategies.",
        subcommands = {BacktestCommand.class, PaperCommand.class, LiveCommand.class, DataCommand.class, ReportCommand.class, CompareCommand.class,
                StrategyCommand.class, LifecycleCommands.ListCommand.class, GenerateCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class BallastCli {
    /** The version of this build, in the journal's run-start record and in --version. */
    public static final String VERSION = "0.1.0";

    public static final int USER_ERROR = 2;
    /** A run cannot go on: a strategy callback ran past the hard limit where time must not decide (a backtest). */
    public static final int FATAL = 3;
    public static final int SERVICE_ERROR = 4;
    public static final int GENERATION_FAILED = 5;
    /** {@code strategy promote}: the gate refused the promotion (the reasons are printed and recorded). */
    public static final int GATE_FAILED = 6;
    /** A resume was refused: the re-executed run does not match its journal. */
    public static final int RECOVERY_REFUSED = 7;
    /** The run's journal store failed during the run: the account halted (JOURNAL_FAILURE) and the journal is incomplete. */
    public static final int JOURNAL_FAILED = 8;

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(run(args));
    }

    /**
     * The terminal shows what the run says (its summary, its warnings, its errors), not the libraries' logs: the
     * console shows warnings and worse (a FIX engine logs every socket option and timer at INFO). Only the command
     * line does this; tests and embedders keep their own logging.
     */
    private static void quietLibraryLogging() {
        for (Handler handler : Logger.getLogger("").getHandlers()) handler.setLevel(Level.WARNING);
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** Runs the command line with commands made by {@code factory} (tests inject fakes) and returns its exit code. */
    static int run(CommandLine.IFactory factory, String... args) {
        CommandLine cli = new CommandLine(new BallastCli(), factory);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof MarketDataException || e instanceof UncheckedIOException
                    || e instanceof ReportException || e instanceof LifecycleException
                    || e instanceof AuditException) {
                printError(commandLine, e);
                return USER_ERROR;
            }
            // A journal that cannot be read as it must be (damaged, a stray file in its folder): like audit verify, 1.
            if (e instanceof PaperResume.JournalDamagedException || e instanceof JournalException) {
                printError(commandLine, e);
                return 1;
            }
            if (e instanceof LlmServiceException) {
                printError(commandLine, e);
                return SERVICE_ERROR;
            }
            if (e instanceof GenerationFailedException) {
                printError(commandLine, e);
                return GENERATION_FAILED;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            printError(e.getCommandLine(), e);
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return USER_ERROR;
        });
        return cli.execute(args);
    }

    /**
     * "error: MESSAGE" on the command's error stream. Messages quote input (file contents, ids, names, an
     * LLM's text), so control characters are escaped, never sent raw to the terminal.
     */
    private static void printError(CommandLine commandLine, Exception e) {
        commandLine.getErr().println("error: " + TerminalText.safeLines(e.getMessage()));
    }
}
