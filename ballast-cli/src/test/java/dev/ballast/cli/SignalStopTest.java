package dev.ballast.cli;

import dev.ballast.model.RunMode;
import dev.ballast.runtime.Run;
import dev.ballast.runtime.RunHandle;
import dev.ballast.runtime.plan.RunPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The signal handling's decisions, with the halt recorded instead of done. */
class SignalStopTest {
    @TempDir
    Path dir;

    private final BlockingQueue<Integer> halts = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private RunHandle handle() throws IOException {
        String example = Files.readString(Path.of("..", "examples", "sma-crossover.yaml"));
        Path data = Path.of("..", "examples", "data", "daily-5.csv").toAbsolutePath().normalize();
        Path config = dir.resolve("paper.yaml");
        Files.writeString(config, example.replace("files: [data/daily-5.csv]", "files: [" + data + "]"));
        return Run.of(RunPlanner.plan(config), RunMode.PAPER).build().handle();
    }

    @Test
    void theFirstSignalStopsTheRunGracefullyAndTheSecondHaltsAtOnce() throws Exception {
        RunHandle handle = handle();
        SignalStop stop = new SignalStop(handle, new PrintStream(err, true), halts::add, Duration.ofMinutes(10));

        stop.onSignal("INT", 2);
        assertThat(handle.stopRequested()).isTrue();
        assertThat(halts).isEmpty();
        assertThat(stop.signal()).isEqualTo("SIGINT");
        assertThat(stop.exitCode()).isEqualTo(130);

        stop.onSignal("TERM", 15);
        assertThat(halts).containsExactly(143);
        assertThat(err.toString()).contains("SIGINT: stopping the run (open orders: cancel)")
                .contains("second signal (SIGTERM): stopping at once");
        stop.finished();
    }

    @Test
    void aGracefulStopThatOverrunsItsGraceIsCutShort() throws Exception {
        SignalStop stop = new SignalStop(handle(), new PrintStream(err, true), halts::add, Duration.ZERO);

        stop.onSignal("TERM", 15);

        assertThat(halts.poll(30, TimeUnit.SECONDS)).isEqualTo(143);
        assertThat(err.toString()).contains("did not stop within 0 s");
    }

    @Test
    void aGracefulStopThatFinishesInTimeIsNotCutShort() throws Exception {
        SignalStop stop = new SignalStop(handle(), new PrintStream(err, true), halts::add, Duration.ofMinutes(10));
        stop.onSignal("TERM", 15);
        stop.finished();

        assertThat(halts).isEmpty();
    }
}
