package dev.ballast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.regex.Pattern;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import dev.ballast.model.ClientOrderId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.event.OrderUpdated;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test of issue #4: a paper run in a child JVM is killed with SIGKILL at random points (once while it
 * first runs, once while it resumes), resumed with {@code --resume}, and its final orders, fills and positions
 * equal those of an uninterrupted run; no client order id reaches the venue twice.
 */
@Tag("system") // child JVMs killed and resumed: run by Failsafe (./mvnw verify)
class PaperCrashRecoveryTest {
    @TempDir
    static Path dir;
    static Path config;
    static Path full;

    @BeforeAll
    static void uninterruptedRun() throws IOException {
        config = ChildRuns.paperConfig(dir, 3000);
        full = dir.resolve("full");
        CliRun run = CliRun.of("paper", config.toString(), "--out", full.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ChildRuns.venueOrders(full)).hasSizeGreaterThan(50);
    }

    @Test
    void killedTwiceAndResumedEqualsTheUninterruptedRun() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "seed " + seed;
        Path crash = dir.resolve("crash");
        int total = ChildRuns.venueOrders(full).size();

        // First kill: while the run trades, after a random number of orders reached the venue.
        int killAfter = 5 + random.nextInt(total / 2);
        Process first = ChildRuns.start(dir, "paper", config.toString(), "--out", crash.toString(), "-q");
        ChildRuns.waitForOrders(first, crash, killAfter);
        ChildRuns.kill(first);
        int ordersAtFirstKill = ChildRuns.venueOrders(crash).size();

        // Second kill: a resume killed at a random moment (re-executing, or trading again). On a fast disk it may
        // have finished the run first: then it is the run's end, and there is nothing left to resume.
        Process second = ChildRuns.start(dir, "paper", "--resume", crash.toString(), "-q");
        Thread.sleep(300 + random.nextInt(1500));
        if (ChildRuns.killUnlessFinished(second)) {
            Path kept = keep(crash);
            CliRun resumed = CliRun.of("paper", "--resume", crash.toString(), "-q");
            assertThat(resumed.exitCode()).as(why + ": " + resumed.err() + " (the run before this resume: " + kept + ")")
                    .isZero();
            assertThat(resumed.out()).as(why).contains("broker reconciled");
        }

        assertThat(ordersAtFirstKill).as(why).isBetween(killAfter, total - 1);
        List<ClientOrderId> received = ChildRuns.venueOrders(crash);
        assertThat(new HashSet<>(received)).as(why + ": no client order id reaches the venue twice").hasSize(received.size());
        assertThat(received).as(why).containsExactlyElementsOf(ChildRuns.venueOrders(full));
        for (String file : List.of("orders.csv", "fills.csv")) {
            assertThat(crash.resolve(file)).as(why + ": " + file).hasSameTextualContentAs(full.resolve(file));
        }
        assertThat(positions(crash)).as(why).isEqualTo(positions(full));
        CliRun verify = CliRun.of("audit", "verify", crash.toString());
        assertThat(verify.exitCode()).as(why + ": " + verify.out()).isZero();
        assertThat(journalText(crash)).as(why).contains("RunResumed").contains("BrokerReconciled");
        CliRun replay = CliRun.of("audit", "replay", crash.toString());
        assertThat(replay.exitCode()).as(why + ": " + replay.err()).isZero();
    }

    @Test
    void replayingAFinishedBacktestsJournalReproducesItsFinalPortfolio() throws IOException {
        Path backtest = dir.resolve("backtest");
        CliRun run = CliRun.of("backtest", config.toString(), "--out", backtest.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun replay = CliRun.of("audit", "replay", backtest.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        var account = new ObjectMapper().readTree(backtest.resolve("results.json").toFile())
                .get("account");
        assertThat(replay.out()).contains("OK: the replayed portfolio equals")
                .containsPattern("Cash +" + Pattern.quote(account.get("cash").asText()) + "\\b")
                .containsPattern("Equity +" + Pattern.quote(account.get("finalEquity").asText()) + "\\b");
    }

    @Test
    void aRunThatDoesNotReExecuteAsItRanIsRefused() throws Exception {
        Path run = dir.resolve("changed");
        Process child = ChildRuns.start(dir, "paper", config.toString(), "--out", run.toString(), "-q");
        ChildRuns.waitForOrders(child, run, 10);
        ChildRuns.kill(child);
        Path data = dir.resolve("data.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        Files.write(dir.resolve("data.orig"), lines);
        try {
            // Same config file, different prices: the re-execution cannot match the journal.
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                for (int c = 2; c <= 5; c++) cells[c] = new BigDecimal(cells[c]).add(BigDecimal.ONE).toPlainString();
                lines.set(i, String.join(",", cells));
            }
            Files.write(data, lines);
            CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
            assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(BallastCli.RECOVERY_REFUSED);
            assertThat(resumed.err()).contains("resume refused");
        } finally {
            Files.copy(dir.resolve("data.orig"), data, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * At a finite speed the feed does not wait for the strategies, so two runs need not trade alike; what a resume
     * must give is the run as journaled, carried on: every journaled record matched, the broker reconciled, no id
     * sent twice, every order the venue received before the crash still there, and the final portfolio rebuilt
     * from the journal equal to the one the run recorded.
     */
    @Test
    void aRunAtAFiniteSpeedResumesFromItsJournal() throws Exception {
        Random random = new Random();
        Path run = dir.resolve("timed");
        // 5-minute bars at 100,000x: 3 ms per bar, faster than the strategies' orders can always keep up with.
        Process first = ChildRuns.start(dir, "paper", config.toString(), "--out", run.toString(), "--speed", "100000", "-q");
        ChildRuns.waitForOrders(first, run, 10 + random.nextInt(60));
        ChildRuns.kill(first);
        List<ClientOrderId> beforeCrash = ChildRuns.venueOrders(run);

        // Killed again once the resume trades live (it sent the venue orders of its own), at a random one of them;
        // not after a random sleep, which a loaded machine can stretch past the run's end. A resume that finished
        // the run before (the first kill came near its end) leaves nothing to resume.
        Process second = ChildRuns.start(dir, "paper", "--resume", run.toString(), "-q");
        ChildRuns.waitForOrdersOrExit(second, run, beforeCrash.size() + 1 + random.nextInt(5));
        if (ChildRuns.killUnlessFinished(second)) {
            Path kept = keep(run);
            CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
            assertThat(resumed.exitCode()).as(resumed.err() + " (the run as it was before this resume: " + kept + ")")
                    .isZero();
            assertThat(resumed.out()).contains("broker reconciled");
        }
        List<ClientOrderId> received = ChildRuns.venueOrders(run);
        assertThat(new HashSet<>(received)).as("no client order id reaches the venue twice").hasSize(received.size());
        assertThat(received).startsWith(beforeCrash.toArray(ClientOrderId[]::new));
        String orders = Files.readString(run.resolve("orders.csv"));
        for (ClientOrderId id : received) assertThat(orders).contains("\n" + id.value() + ",");
        assertThat(CliRun.of("audit", "verify", run.toString()).exitCode()).isZero();
        CliRun replay = CliRun.of("audit", "replay", run.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        CliRun again = CliRun.of("paper", "--resume", run.toString(), "-q");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("the run finished");
    }

    /**
     * A resumed run is resumed again from a journal whose first life ended on a {@code DataPosition} record (the
     * process died right after writing it): the first resume goes live before it has fed that position's data,
     * and must not mark the position a second time, or the second resume finds the mark where data's records are.
     */
    @Test
    void aJournalEndingOnADataPositionResumesTwice() throws Exception {
        Path run = dir.resolve("marked");
        Process child = ChildRuns.start(dir, "paper", config.toString(), "--out", run.toString(), "-q");
        ChildRuns.waitForOrders(child, run, 40);
        ChildRuns.kill(child);
        List<JournalRecord> records = records(run);
        // A mark whose next record the data event itself makes (a fill in the venue's pass over it): the case where
        // a second mark of the same position would stand between the data and its records.
        int lastMark = 0;
        for (int i = 0; i + 1 < records.size() * 2 / 3; i++) {
            if (records.get(i).type().equals("DataPosition") && records.get(i + 1).type().equals("Fill")) lastMark = i + 1;
        }
        assertThat(lastMark).isPositive();

        Path cut = dir.resolve("marked-cut");
        cutRun(run, cut, records.subList(0, lastMark));
        CliRun first = CliRun.of("paper", "--resume", cut.toString(), "-q");
        assertThat(first.exitCode()).as(first.err()).isZero();

        List<JournalRecord> resumed = records(cut);
        int at = 0;
        while (!resumed.get(at).type().equals("RunResumed")) at++;
        Path again = dir.resolve("marked-again");
        cutRun(cut, again, resumed.subList(0, Math.min(resumed.size() - 1, at + 40)));
        CliRun second = CliRun.of("paper", "--resume", again.toString(), "-q");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("broker reconciled");
    }

    private static List<JournalRecord> records(Path run) {
        List<JournalRecord> out = new ArrayList<>();
        try (FileJournalStore store = FileJournalStore.openReadOnly(run.resolve("journal"))) {
            store.read(1).forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * A copy of {@code from} as it was when {@code records} were all its journal held: those records, and the venue's
     * order log cut to the orders they sent (write-ahead: an order reaches the venue only after its SUBMITTED record).
     */
    private static void cutRun(Path from, Path to, List<JournalRecord> records) throws IOException {
        try (FileJournalStore store = FileJournalStore.open(to.resolve("journal"), FsyncPolicy.never())) {
            store.append(records);
        }
        Set<String> sent = new HashSet<>();
        for (JournalRecord r : records) {
            if (r.type().equals("OrderUpdated")
                    && RunJournal.decoder().decode(r.type(), r.payload()) instanceof OrderUpdated u
                    && u.order().status() == OrderStatus.SUBMITTED) {
                sent.add(u.order().id().value());
            }
        }
        Files.createDirectories(to.resolve("venue"));
        List<String> kept = ChildRuns.venueOrders(from).stream().map(ClientOrderId::value).filter(sent::contains).toList();
        Files.write(to.resolve("venue").resolve("orders.log"), kept);
    }

    @Test
    void aJournalOfFormatTwoIsRefusedByNameOnResumeButStillAudited() throws Exception {
        // A paper run cut short, as an earlier Ballast (events in re-entrant order, segment version 2) would have left it.
        List<JournalRecord> records = records(full);
        Path older = dir.resolve("format-2");
        cutRun(full, older, records.subList(0, records.size() / 2));
        try (var segments = Files.list(older.resolve("journal"))) {
            for (Path segment : segments.toList()) {
                try (var channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.allocate(4).putInt(0, 2), 4);
                }
            }
        }

        CliRun resumed = CliRun.of("paper", "--resume", older.toString(), "-q");

        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(2);
        assertThat(resumed.err()).contains("the journal is format 2").contains("resumes format 3 journals only")
                .doesNotContain("Exception");
        CliRun verified = CliRun.of("audit", "verify", older.toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(CliRun.of("audit", "show", older.toString(), "--type", "FillBooked").exitCode()).isZero();
    }

    @Test
    void aPaperRunNeverOverwritesAJournal() {
        CliRun again = CliRun.of("paper", config.toString(), "--out", full.toString(), "-q");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds the journal").contains("--resume");
    }

    /** A copy of the run folder in target/, so that a failing resume can be looked at (and run again) later. */
    private static Path keep(Path run) throws IOException {
        Path copy = Path.of("target", "crash-runs", run.getFileName() + "-" + System.nanoTime()).toAbsolutePath();
        try (var files = Files.walk(run)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(run.relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to);
            }
        }
        Files.copy(config, copy.resolve("config-" + config.getFileName()));
        Files.copy(dir.resolve("data.csv"), copy.resolve("data.csv"));
        Files.writeString(copy.resolve("config-path.txt"), config.toAbsolutePath().toString());
        return copy;
    }

    private static String positions(Path run) throws IOException {
        var results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        assertThat(results.has("account")).isTrue();
        return results.get("account").toString() + results.get("strategies").toString();
    }

    private static String journalText(Path run) throws IOException {
        StringBuilder text = new StringBuilder();
        try (var segments = Files.list(run.resolve("journal"))) {
            for (Path segment : segments.sorted().toList()) {
                text.append(new String(Files.readAllBytes(segment), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }
}
