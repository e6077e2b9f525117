package dev.ballast.cli;

import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.event.OrderUpdated;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12, items 7 and 9: only a tail cut short at the end of the journal's last segment is crash debris that a
 * resume may cut; any other damage refuses the resume with exit 1 and cuts nothing; a venue that knows an order id
 * the journal lacks halts the account; a run that never journaled its start is said to be so, and its folder reused.
 * Run folders are made from an uninterrupted paper run's journal, cut (deterministic, no process is killed).
 */
class DamagedJournalResumeTest {
    @TempDir
    static Path dir;
    static Path config;
    static Path full;
    static List<JournalRecord> records;

    @BeforeAll
    static void uninterruptedRun() throws IOException {
        config = ChildRuns.paperConfig(dir, 1500);
        full = dir.resolve("full");
        CliRun run = CliRun.of("paper", config.toString(), "--out", full.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ChildRuns.venueOrders(full)).hasSizeGreaterThan(10);
        records = new ArrayList<>();
        try (FileJournalStore store = FileJournalStore.openReadOnly(full.resolve("journal"))) {
            store.read(1).forEachRemaining(records::add);
        }
    }

    @Test
    void aFrameLengthTamperedInTheMiddleRefusesTheResumeAndCutsNothing() throws Exception {
        Path run = cutRun("middle", records.size() * 2 / 3, FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path segment = segments(run).getFirst();
        long at = frameOffset(segment, records.size() / 3);
        putInt(segment, at, 16 * 1024 * 1024);
        Map<String, String> before = files(run);

        CliRun verify = CliRun.of("audit", "verify", run.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("OVERRUNNING_FRAME").contains(segment.getFileName() + " at byte " + at);

        CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(1);
        assertThat(resumed.err()).contains("cannot be trusted, refusing to resume").contains("OVERRUNNING_FRAME")
                .doesNotContain("\tat ");
        assertThat(files(run)).as("nothing cut, nothing written").isEqualTo(before);
    }

    @Test
    void aFrameLengthTamperedInASegmentThatIsNotTheLastRefusesTheResumeAndCutsNothing() throws Exception {
        Path run = cutRun("segments", records.size() * 2 / 3, 64 * 1024);
        List<Path> segments = segments(run);
        assertThat(segments.size()).isGreaterThan(2);
        Path segment = segments.get(1);
        long at = frameOffset(segment, 5);
        putInt(segment, at, 16 * 1024 * 1024);
        Map<String, String> before = files(run);

        CliRun verify = CliRun.of("audit", "verify", run.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("SEGMENT_CUT_SHORT").contains(segment.getFileName() + " at byte " + at);

        CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(1);
        assertThat(resumed.err()).contains("SEGMENT_CUT_SHORT");
        assertThat(files(run)).as("nothing cut, nothing written").isEqualTo(before);
    }

    @Test
    void aGenuineTornTailAtTheEndOfTheLastSegmentIsStillRecovered() throws Exception {
        int torn = records.size() / 2;
        while (isSubmitted(records.get(torn))) torn++; // the torn record must not be one the venue acted on
        Path run = cutRun("torn", torn + 1, 64 * 1024);
        Path last = segments(run).getLast();
        long size = Files.size(last);
        long frame = records.get(torn).canonicalBytes().length + JournalRecord.HASH_LENGTH + 8;
        try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
            channel.truncate(size - frame / 2);
        }
        assertThat(CliRun.of("audit", "verify", run.toString()).out()).contains("TORN");

        CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("broker reconciled");
        assertThat(CliRun.of("audit", "verify", run.toString()).exitCode()).isZero();
    }

    @Test
    void aVenueThatKnowsAnOrderIdTheJournalLacksHaltsTheAccount() throws Exception {
        int cut = records.size() / 2;
        Path run = cutRun("lost", cut, FileJournalStore.DEFAULT_SEGMENT_BYTES);
        // The journal lost its tail, but the venue still has the order ids it received in it (the incident of #12).
        Set<ClientOrderId> kept = new HashSet<>(ChildRuns.venueOrders(run));
        ClientOrderId lost = ChildRuns.venueOrders(full).stream().filter(id -> !kept.contains(id)).findFirst().orElseThrow();
        Files.writeString(run.resolve("venue").resolve("orders.log"), lost.value() + "\n", StandardOpenOption.APPEND);

        CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("NOT reconciled, account HALTED")
                .contains("1 client order id(s) the broker has received are not in the journal (" + lost.value() + ")");
        List<ClientOrderId> received = ChildRuns.venueOrders(run);
        assertThat(new HashSet<>(received)).as("no client order id reaches the venue twice").hasSize(received.size());
    }

    @Test
    void aRunStoppedBeforeItsFirstRecordIsNotResumedAndItsFolderIsReused() throws Exception {
        Path run = dir.resolve("unstarted");
        FileJournalStore.open(run.resolve("journal"), FsyncPolicy.everyBatch()).close(); // the segment header only

        CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
        assertThat(resumed.exitCode()).isEqualTo(2);
        assertThat(resumed.err()).contains("the run in " + run + " never journaled its start")
                .contains("start it again with `ballast paper CONFIG --out " + run + "`");

        CliRun again = CliRun.of("paper", config.toString(), "--out", run.toString(), "-q");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(CliRun.of("audit", "verify", run.toString()).exitCode()).isZero();
    }

    @Test
    void aRunTornInsideItsFirstRecordIsNotResumedAndItsFolderIsReused() throws Exception {
        Path run = cutRun("torn-start", 1, FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path segment = segments(run).getFirst();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(segment) - 10);
        }
        CliRun resumed = CliRun.of("paper", "--resume", run.toString(), "-q");
        assertThat(resumed.exitCode()).isEqualTo(2);
        assertThat(resumed.err()).contains("never journaled its start");
        assertThat(CliRun.of("paper", config.toString(), "--out", run.toString(), "-q").exitCode()).isZero();
    }

    @Test
    void aRunWithADamagedFirstRecordIsNeitherResumedNorOverwritten() throws Exception {
        Path run = cutRun("damaged-start", 3, FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path segment = segments(run).getFirst();
        putInt(segment, frameOffset(segment, 0) + 4, 12345); // record 1's CRC
        Map<String, String> before = files(run);
        assertThat(CliRun.of("paper", "--resume", run.toString(), "-q").exitCode()).isEqualTo(1);
        CliRun again = CliRun.of("paper", config.toString(), "--out", run.toString(), "-q");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds the journal");
        assertThat(files(run)).isEqualTo(before);
    }

    /** A run folder holding the first {@code count} records and the venue log of the orders they sent. */
    private static Path cutRun(String name, int count, long segmentBytes) throws IOException {
        Path to = dir.resolve(name);
        List<JournalRecord> kept = records.subList(0, count);
        try (FileJournalStore store = FileJournalStore.open(to.resolve("journal"), FsyncPolicy.never(), segmentBytes)) {
            store.append(kept);
        }
        Set<String> sent = new HashSet<>();
        for (JournalRecord r : kept) {
            if (isSubmitted(r)) sent.add(((OrderUpdated) RunJournal.decoder().decode(r.type(), r.payload())).order().id().value());
        }
        Files.createDirectories(to.resolve("venue"));
        Files.write(to.resolve("venue").resolve("orders.log"),
                ChildRuns.venueOrders(full).stream().map(ClientOrderId::value).filter(sent::contains).toList());
        return to;
    }

    private static boolean isSubmitted(JournalRecord r) {
        return r.type().equals("OrderUpdated")
                && RunJournal.decoder().decode(r.type(), r.payload()) instanceof OrderUpdated u
                && u.order().status() == OrderStatus.SUBMITTED;
    }

    private static List<Path> segments(Path run) throws IOException {
        try (FileJournalStore store = FileJournalStore.openReadOnly(run.resolve("journal"))) {
            return store.segments();
        }
    }

    /** The byte offset of frame {@code index} (0-based) in {@code segment}, walking the frames' lengths. */
    private static long frameOffset(Path segment, int index) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        int at = 8;
        for (int i = 0; i < index; i++) at += 8 + bytes.getInt(at);
        assertThat(at).isLessThan(bytes.capacity());
        return at;
    }

    private static void putInt(Path file, long at, int value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, value), at);
        }
    }

    /** Every file of the run folder and its bytes (Base64, so that maps compare by content). */
    /** The run folder's files and their bytes, but its lock file (which a refused command still leaves). */
    private static Map<String, String> files(Path run) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var walk = Files.walk(run)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .toList()) out.put(run.relativize(p).toString(),
                    Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
        }
        return out;
    }
}
