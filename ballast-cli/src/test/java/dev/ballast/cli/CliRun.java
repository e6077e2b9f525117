package dev.ballast.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the command line in this JVM, with what it printed: the exit code, standard output and
 * standard error. Swaps System.out and System.err for the run, so runs are serialised.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return of(picocli.CommandLine.defaultFactory(), args);
    }

    /** A run whose commands are made by {@code factory} (to inject fakes). */
    static synchronized CliRun of(picocli.CommandLine.IFactory factory, String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = BallastCli.run(factory, args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
