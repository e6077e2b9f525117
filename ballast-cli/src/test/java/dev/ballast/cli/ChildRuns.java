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

    /** Starts {@code ballast ARGS} on this test's class path; its output goes to a log file in {@code logDir}. */
    static Process start(Path logDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.ballast.cli.BallastCli");
        command.addAll(List.of(args));
        Path log = logDir.resolve("child-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LOGS.put(process.pid(), log);
        return process;
    }

    /** Waits until the paper venue of {@code run} has received {@code orders} orders. */
    static void waitForOrders(Process process, Path run, int orders) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (venueOrders(run).size() < orders) {
            assertThat(process.isAlive()).as("the child run ended before " + orders + " orders: " + log(process)).isTrue();
            assertThat(System.nanoTime()).as("child run too slow").isLessThan(deadline);
            Thread.sleep(5);
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
