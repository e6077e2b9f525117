package dev.ballast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.runtime.folder.RunFolderLock;
import dev.ballast.model.ClientOrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run folder's rules (issue #12): one process at a time in a folder, no run replaces a paper run's journal, no
 * symbolic link is followed, no system folder is an output folder, and a folder's journal.properties never supplies
 * a database host or credentials.
 */
class RunFolderCliTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void paperConfig() throws IOException {
        config = ChildRuns.paperConfig(dir, 1000);
        // on a loaded machine a strategy's first callback can pass 50 ms and quarantine it: no orders to check
        Files.writeString(config, Files.readString(config).replace("callbackBudgetMs: 50", "callbackBudgetMs: 5000"));
    }

    /** Waits until {@code process} holds the lock of {@code run} (its pid is in the lock file). */
    private static void waitForLock(Process process, Path run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path lock = run.resolve(RunFolderLock.FILE);
        while (!Files.exists(lock) || !Files.readString(lock).strip().equals(Long.toString(process.pid()))) {
            assertThat(process.isAlive()).as("the child ended before it locked " + run + ": " + ChildRuns.log(process)).isTrue();
            assertThat(System.nanoTime()).as("child too slow").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Waits until the file journal of {@code run} holds more than its first records. */
    private static void waitForJournal(Process process, Path run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (journalBytes(run) < 2_000) {
            assertThat(process.isAlive()).as("the child ended before it journaled: " + ChildRuns.log(process)).isTrue();
            assertThat(System.nanoTime()).as("child too slow").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static long journalBytes(Path run) throws IOException {
        Path journal = run.resolve("journal");
        if (!Files.isDirectory(journal)) return 0;
        long bytes = 0;
        try (Stream<Path> segments = Files.list(journal)) {
            for (Path segment : segments.toList()) bytes += Files.size(segment);
        }
        return bytes;
    }

    @Test
    @Tag("system") // child JVMs: run by Failsafe (./mvnw verify)
    void aSecondProcessInARunFolderIsRefusedWithTheHoldersPid() throws Exception {
        Path out = dir.resolve("out");
        // At real-time speed over 5-minute bars the run holds its folder for hours: no race with its end.
        Process running = ChildRuns.start(dir, "paper", config.toString(), "--out", out.toString(), "--speed", "1", "-q");
        try {
            waitForLock(running, out);
            waitForJournal(running, out);
            String holder = "in use by another ballast process (pid " + running.pid() + ")";

            CliRun resume = CliRun.of("paper", "--resume", out.toString(), "--speed", "max", "-q");
            assertThat(resume.exitCode()).as(resume.err()).isEqualTo(2);
            assertThat(resume.err()).contains(out.toString(), holder);
            CliRun backtest = CliRun.of("backtest", config.toString(), "--out", out.toString(), "-q");
            assertThat(backtest.exitCode()).isEqualTo(2);
            assertThat(backtest.err()).contains(holder);
            CliRun report = CliRun.of("report", out.toString());
            assertThat(report.exitCode()).isEqualTo(2);
            assertThat(report.err()).contains(holder);
            Process second = ChildRuns.start(dir, "paper", "--resume", out.toString(), "--speed", "max", "-q");
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as("a second process resuming the running one").isEqualTo(2);
            assertThat(running.isAlive()).isTrue();
        } finally {
            ChildRuns.kill(running);
        }

        // Two resumes at once: the second is refused while the first holds the folder.
        Process first = ChildRuns.start(dir, "paper", "--resume", out.toString(), "--speed", "1", "-q");
        try {
            waitForLock(first, out);
            CliRun again = CliRun.of("paper", "--resume", out.toString(), "--speed", "max", "-q");
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).contains("in use by another ballast process (pid " + first.pid() + ")");
        } finally {
            ChildRuns.kill(first);
        }

        CliRun resumed = CliRun.of("paper", "--resume", out.toString(), "--speed", "max", "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("broker reconciled");
        List<ClientOrderId> received = ChildRuns.venueOrders(out);
        assertThat(received).as(resumed.out() + Files.readString(out.resolve("results.json"))).isNotEmpty();
        assertThat(new HashSet<>(received)).as("no client order id reaches the venue twice").hasSize(received.size());
        assertThat(CliRun.of("audit", "verify", out.toString()).exitCode()).isZero();
    }

    @Test
    void aBacktestNeverReplacesAPaperRunsJournal() throws IOException {
        Path out = dir.resolve("paper-run");
        CliRun paper = CliRun.of("paper", config.toString(), "--out", out.toString(), "--speed", "max", "-q");
        assertThat(paper.exitCode()).as(paper.err()).isZero();
        byte[] journal = journalContent(out);

        CliRun backtest = CliRun.of("backtest", config.toString(), "--out", out.toString(), "-q");

        assertThat(backtest.exitCode()).isEqualTo(2);
        assertThat(backtest.err()).contains(out + " already holds the journal of a paper run", "--resume");
        assertThat(journalContent(out)).isEqualTo(journal);
        assertThat(CliRun.of("audit", "verify", out.toString()).exitCode()).isZero();
    }

    @Test
    void aBacktestReplacesItsOwnEarlierBacktestJournal() throws IOException {
        Path out = dir.resolve("backtest-run");
        assertThat(CliRun.of("backtest", config.toString(), "--out", out.toString(), "-q").exitCode()).isZero();
        CliRun again = CliRun.of("backtest", config.toString(), "--out", out.toString(), "-q");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(CliRun.of("audit", "verify", out.toString()).exitCode()).isZero();
        CliRun paper = CliRun.of("paper", config.toString(), "--out", out.toString(), "--speed", "max", "-q");
        assertThat(paper.exitCode()).isEqualTo(2);
        assertThat(paper.err()).contains("already holds the journal of a backtest");
    }

    @Test
    void aFolderPointingToAPaperRunInPostgresOrToAnUnknownRunIsNotReplaced() throws IOException {
        for (String pointer : List.of("store=postgres\nurl=jdbc\\:postgresql\\://db/x\nrunId=r-1\nmode=PAPER\n",
                "store=postgres\nurl=jdbc\\:postgresql\\://db/x\nuser=u\nrunId=r-1\n")) {
            Path out = Files.createDirectories(dir.resolve("pg-" + pointer.length()));
            Path file = Files.writeString(out.resolve("journal.properties"), pointer);
            CliRun backtest = CliRun.of("backtest", config.toString(), "--out", out.toString(), "-q");
            assertThat(backtest.exitCode()).isEqualTo(2);
            assertThat(backtest.err()).contains("already holds", "a run never replaces it");
            assertThat(file).hasContent(pointer);
            assertThat(out.resolve("results.json")).doesNotExist();
        }
    }

    /**
     * The home folder stands for every system folder here (RunFolderGuardTest checks the others without running):
     * were the check lost, this run would write into a temporary folder, not into / or /etc.
     */
    @Test
    void theHomeFolderIsRefusedAsOutput() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            CliRun run = CliRun.of("backtest", config.toString(), "--out", home.toString(), "-q");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains(home + " is a system or home folder");
            try (Stream<Path> files = Files.list(home)) {
                assertThat(files).isEmpty();
            }
        } finally {
            System.setProperty("user.home", realHome);
        }
    }

    @Test
    void symbolicLinksAreNotFollowed() throws IOException {
        Path target = Files.createDirectories(dir.resolve("elsewhere"));
        Path linked = Files.createSymbolicLink(dir.resolve("linked-out"), target);
        CliRun run = CliRun.of("backtest", config.toString(), "--out", linked.toString(), "-q");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(linked + " is a symbolic link");
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files).isEmpty();
        }

        Path out = Files.createDirectories(dir.resolve("out-with-link"));
        Path journalElsewhere = Files.createDirectories(dir.resolve("journal-elsewhere"));
        Files.createSymbolicLink(out.resolve("journal"), journalElsewhere);
        CliRun intoLink = CliRun.of("backtest", config.toString(), "--out", out.toString(), "-q");
        assertThat(intoLink.exitCode()).isEqualTo(2);
        assertThat(intoLink.err()).contains(out.resolve("journal") + " is a symbolic link");
        try (Stream<Path> files = Files.list(journalElsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * Issue #11: a planted journal.properties names a fake server on loopback and an environment variable holding a
     * secret. Nothing connects to it, and the refusal says what to give instead.
     */
    @Test
    void aPlantedPointerNeverConnectsNorReadsTheNamedVariable() throws IOException {
        try (ServerSocketChannel fake = ServerSocketChannel.open()) {
            fake.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            fake.configureBlocking(false);
            int port = ((InetSocketAddress) fake.getLocalAddress()).getPort();
            Path planted = Files.createDirectories(dir.resolve("planted"));
            Files.writeString(planted.resolve("journal.properties"), "store=postgres\nurl=jdbc\\:postgresql\\://127.0.0.1\\:"
                    + port + "/x\nuser=victim\npasswordEnv=BALLAST_NO_SUCH_VAR_11\nrunId=r-1\nmode=PAPER\n");

            CliRun verify = CliRun.of("audit", "verify", planted.toString());
            assertThat(verify.exitCode()).isEqualTo(2);
            assertThat(verify.err()).contains("a run folder supplies no database or credentials", "--config", "--journal-url")
                    .doesNotContain("BALLAST_NO_SUCH_VAR_11");
            CliRun other = CliRun.of("audit", "show", planted.toString(), "--journal-url",
                    "jdbc:postgresql://127.0.0.1:1/x", "--journal-user", "me");
            assertThat(other.exitCode()).isEqualTo(2);
            assertThat(other.err()).contains("names the database 127.0.0.1:" + port + "/x, not the one given", "refusing to connect");
            CliRun replay = CliRun.of("audit", "replay", planted.toString());
            assertThat(replay.exitCode()).isEqualTo(2);
            CliRun resume = CliRun.of("paper", "--resume", planted.toString());
            assertThat(resume.exitCode()).isEqualTo(2);
            assertThat(resume.err()).contains("journaled in PostgreSQL; give the configuration it started with");
            CliRun resumeWithConfig = CliRun.of("paper", "--resume", planted.toString(), config.toString());
            assertThat(resumeWithConfig.exitCode()).isEqualTo(2);
            assertThat(resumeWithConfig.err()).doesNotContain("BALLAST_NO_SUCH_VAR_11");

            assertThat(fake.accept()).as("a connection reached the fake server").isNull();
        }
    }

    /**
     * The process died after the journal recorded the run's end, before the results were written: {@code paper --resume}
     * and {@code report} regenerate from the journal what it holds exactly (fills, orders, the final account).
     */
    @Test
    void aFinishedRunWhoseResultsAreMissingGetsThemFromItsJournal() throws IOException {
        Path out = dir.resolve("finished");
        CliRun paper = CliRun.of("paper", config.toString(), "--out", out.toString(), "--speed", "max", "-q");
        assertThat(paper.exitCode()).as(paper.err()).isZero();
        String fills = Files.readString(out.resolve("fills.csv"));
        List<String> orders = Files.readAllLines(out.resolve("orders.csv"));
        ObjectMapper json = new ObjectMapper();
        var account = json.readTree(out.resolve("results.json").toFile()).get("account");
        for (String file : List.of("results.json", "orders.csv", "fills.csv", "report.html")) Files.delete(out.resolve(file));

        CliRun resume = CliRun.of("paper", "--resume", out.toString(), "-q");

        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("The run had finished; regenerated from its journal", "Report written to");
        assertThat(out.resolve("fills.csv")).hasContent(fills);
        List<String> regenerated = Files.readAllLines(out.resolve("orders.csv"));
        assertThat(regenerated).hasSameSizeAs(orders);
        for (int i = 0; i < orders.size(); i++) {
            // every column but the execution quality's (arrival_price, slippage_bps), which the journal does not hold
            String[] was = orders.get(i).split(",", -1);
            String[] now = regenerated.get(i).split(",", -1);
            was[12] = now[12] = "";
            was[13] = now[13] = "";
            assertThat(String.join(",", now)).isEqualTo(String.join(",", was));
        }
        var results = json.readTree(out.resolve("results.json").toFile());
        assertThat(results.get("regeneratedFrom").asText()).isEqualTo("journal");
        for (String field : List.of("initialCash", "finalEquity", "cash", "realizedPnl", "unrealizedPnl", "fees")) {
            assertThat(results.get("account").get(field).asText()).as(field).isEqualTo(account.get(field).asText());
        }
        assertThat(out.resolve("report.html")).exists();

        Files.delete(out.resolve("results.json"));
        CliRun report = CliRun.of("report", out.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("Regenerated from the run's journal");
        assertThat(out.resolve("results.json")).exists();
        CliRun again = CliRun.of("paper", "--resume", out.toString(), "-q");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("the run finished");
    }

    private static byte[] journalContent(Path run) throws IOException {
        try (Stream<Path> segments = Files.list(run.resolve("journal"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Path segment : segments.sorted().toList()) all.write(Files.readAllBytes(segment));
            return all.toByteArray();
        }
    }
}
