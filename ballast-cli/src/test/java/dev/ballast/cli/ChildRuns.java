package dev.ballast.cli;

import dev.ballast.engine.broker.paper.VenueOrderLog;
import dev.ballast.model.ClientOrderId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line in a child JVM of its own, to be killed with SIGKILL (the crash tests). */
final class ChildRuns {
    /** Each child's log file, by pid, for the message when a child ends too early. */
    private static final Map<Long, Path> LOGS = new ConcurrentHashMap<>();

    private ChildRuns() {
    }

    /**
     * A paper configuration in {@code dir} (paper.yaml): the SMA crossover example over {@code bars} synthetic
     * 5-minute bars of five symbols (data.csv), output {@code out}, the stale-data limit widened for 5-minute bars.
     */
    static Path paperConfig(Path dir, int bars) throws IOException {
        Path data = dir.resolve("data.csv");
        assertThat(CliRun.of("data", "synth", "--bars", Integer.toString(bars), "--symbols", "5", "--interval", "5m",
                "--out", data.toString()).exitCode()).isZero();
        String example = Files.readString(Path.of("..", "examples", "sma-crossover.yaml"));
        Path config = dir.resolve("paper.yaml");
        Files.writeString(config, example.replace("files: [data/daily-5.csv]", "files: [data.csv]")
                .replaceAll("output: [^\\n]*", "output: out")
                .replace("staleDataMs: 604800000", "staleDataMs: 6048000000"));
        return config;
    }

    /** Starts {@code ballast ARGS} on this test's class path; its output goes to a log file in {@code logDir}. */
    static Process start(Path logDir, String... args) throws IOException {
        return start(logDir.resolve("child-" + System.nanoTime() + ".log"), List.of(args));
    }

    /** Starts {@code ballast ARGS} on this test's class path, its output (and errors) into {@code log}. */
    static Process start(Path log, List<String> args) throws IOException {
        return start(log, args, Map.of());
    }

    /** As {@link #start(Path, List)}, with {@code env} added to the child's environment. */
    static Process start(Path log, List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.ballast.cli.BallastCli");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        LOGS.put(process.pid(), log);
        return process;
    }

    /** How long a child may go without a new order before the test counts it as hung. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(120);

    /** Waits until the paper venue of {@code run} has received {@code orders} orders; the child must not end first. */
    static void waitForOrders(Process process, Path run, int orders) throws Exception {
        waitFor(process, run, orders, false);
    }

    /**
     * Waits until the paper venue of {@code run} has received {@code orders} orders or the child has ended, whichever
     * comes first (a resume may finish the run before it reaches them).
     */
    static void waitForOrdersOrExit(Process process, Path run, int orders) throws Exception {
        waitFor(process, run, orders, true);
    }

    /**
     * No wall deadline on the whole wait, which a loaded machine can overrun however generous it is: the child is
     * counted as hung only when it sends no new order for {@link #STALL_NANOS}.
     */
    private static void waitFor(Process process, Path run, int orders, boolean mayEnd) throws Exception {
        int seen = venueOrders(run).size();
        long lastProgress = System.nanoTime();
        while (seen < orders) {
            if (!process.isAlive()) {
                assertThat(mayEnd).as("the child run ended before " + orders + " orders: " + log(process)).isTrue();
                return;
            }
            int now = venueOrders(run).size();
            if (now > seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
            assertThat(System.nanoTime() - lastProgress).as("child run made no progress at " + seen + " orders")
                    .isLessThan(STALL_NANOS);
            process.waitFor(5, TimeUnit.MILLISECONDS);
        }
    }

    /** What the child printed, with its exit code when it ended. */
    static String log(Process process) throws IOException {
        Path log = LOGS.get(process.pid());
        String text = log == null || !Files.exists(log) ? "(no log)" : Files.readString(log);
        return (process.isAlive() ? "running" : "exit code " + process.exitValue()) + ", output: " + text;
    }

    /** Kills the process unless it already ended by itself, successfully; returns whether it was killed. */
    static boolean killUnlessFinished(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            assertThat(process.exitValue()).as("a resume that ended by itself").isZero();
            return false;
        }
        kill(process);
        return process.exitValue() != 0; // 0: it finished between the look and the kill
    }

    /** SIGKILL: no shutdown hook, no flush, nothing of the JVM's own runs. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** The client order ids the paper venue of {@code run} received, in order. */
    static List<ClientOrderId> venueOrders(Path run) throws IOException {
        Path log = run.resolve("venue").resolve("orders.log");
        return Files.exists(log) ? VenueOrderLog.read(log) : List.of();
    }
}
