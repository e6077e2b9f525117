package dev.ballast.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.runtime.journal.JournalAccess;
import dev.ballast.runtime.journal.RunJournals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #11: SIGTERM or Ctrl-C during {@code ballast paper} in a child JVM stops the run gracefully (results,
 * report, a journal that verifies and ends with RunStopped, exit code 143 or 130); a second signal stops it at once
 * and leaves a journal that {@code paper --resume} takes up.
 */
@Tag("system") // child JVMs signalled and resumed: run by Failsafe (./mvnw verify)
class GracefulStopTest {
    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void configuration() throws IOException {
        config = ChildRuns.paperConfig(dir, 3000);
    }

    /** 5-minute bars at 20,000x: 15 ms a bar, 45 s for the data; the run is stopped long before. */
    private static Process paper(Path run, Path log) throws IOException {
        return ChildRuns.start(log, List.of("paper", config.toString(), "--out", run.toString(), "--speed", "20000",
                "-q"));
    }

    @Test
    void sigtermStopsThePaperRunGracefullyWithResultsAndAVerifiedJournalEndingInRunStopped() throws Exception {
        Path run = dir.resolve("sigterm");
        Path log = dir.resolve("sigterm.log");
        Process child = paper(run, log);
        ChildRuns.waitForOrders(child, run, 10);

        child.destroy(); // SIGTERM
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isEqualTo(143);
        assertThat(output).contains("SIGTERM: stopping the run (open orders: cancel)");
        JsonNode results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        assertThat(results.get("stopped").get("by").asText()).isEqualTo("signal:SIGTERM");
        assertThat(results.get("stopped").get("openOrders").asText()).isEqualTo("cancel");
        assertThat(results.get("account").get("finalEquity").asText()).isNotEmpty();
        assertThat(results.get("fills").asLong()).isPositive();
        assertThat(run.resolve("report.html")).exists();
        assertThat(output).contains("Journal head");
        CliRun verify = CliRun.of("audit", "verify", run.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        List<String> types = recordTypes(run);
        assertThat(types).contains("FillBooked");
        assertThat(types.getLast()).isEqualTo("RunStopped");
        assertThat(types).doesNotContain("RunFinished");
        CliRun replay = CliRun.of("audit", "replay", run.toString());
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();

        CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
        assertThat(resumed.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(resumed.err()).contains("the run was stopped").contains("nothing to resume");

        // Killed after RunStopped but before its results were written: `report` regenerates them from the journal.
        Files.delete(run.resolve("results.json"));
        CliRun report = CliRun.of("report", run.toString());
        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.resolve("results.json").toFile()).get("account").get("finalEquity")
                .asText()).isEqualTo(results.get("account").get("finalEquity").asText());
    }

    /**
     * The child is frozen (SIGSTOP) while SIGINT and SIGTERM are sent, so that both are pending when it thaws
     * (two of the same signal would merge into one): the first it handles starts the graceful stop, the second
     * stops it at once.
     */
    @Test
    void aSecondSignalStopsAtOnceAndLeavesAJournalThatResumes() throws Exception {
        Path run = dir.resolve("twice");
        Path log = dir.resolve("twice.log");
        Process child = paper(run, log);
        ChildRuns.waitForOrders(child, run, 10);

        signal(child, "STOP");
        signal(child, "INT");
        signal(child, "TERM");
        signal(child, "CONT");
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isIn(130, 143);
        assertThat(output).contains("second signal");
        assertThat(run.resolve("results.json")).doesNotExist();
        List<String> types = recordTypes(run);
        assertThat(types.getLast()).isNotIn("RunStopped", "RunFinished");

        CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "--speed", "max", "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("broker reconciled");
        CliRun verify = CliRun.of("audit", "verify", run.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(recordTypes(run).getLast()).isIn("RunStopped", "RunFinished");
    }

    private static void signal(Process child, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static List<String> recordTypes(Path run) {
        List<String> types = new ArrayList<>();
        try (JournalStore store = RunJournals.openForAudit(run, JournalAccess.NONE)) {
            Iterator<JournalRecord> records = store.read(1);
            while (records.hasNext()) types.add(records.next().type());
        }
        return types;
    }
}
