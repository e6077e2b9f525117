package dev.ballast.engine.journal;

import dev.ballast.engine.journal.codec.CanonicalFormGoldenTest;
import dev.ballast.engine.journal.codec.GoldenEvents;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.model.event.Fill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How records cross from the appending thread to the writer: events encoded on either thread give the golden bytes,
 * and an event that could change after it is appended is encoded when it is appended.
 */
class JournalWriterHandOffTest {
    @TempDir
    Path dir;

    /** A record that can change after it was journaled: its list is mutable. */
    record Basket(List<String> items) {
    }

    @Test
    void writerEncodingOnItsOwnThreadWritesTheGoldenSegment() throws Exception {
        writeGoldenEvents(dir, JournalWriter.DEFAULT_CAPACITY, false);
        CanonicalFormGoldenTest.assertSegmentIsGolden(dir);
    }

    @Test
    void writerFallenBehindLeavesEncodingToTheAppendingThreadWithTheSameBytes() throws Exception {
        // A queue of 32 with the writer held: from the fifth record on the backlog is past an eighth of the queue,
        // so the appending thread encodes the rest.
        writeGoldenEvents(dir, 32, true);
        CanonicalFormGoldenTest.assertSegmentIsGolden(dir);
    }

    @Test
    void recordThatCanChangeIsEncodedWhenAppended() throws Exception {
        List<String> items = new ArrayList<>(List.of("apple"));
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.never())) {
            JournalWriterTest.GatedStore gated = new JournalWriterTest.GatedStore(file);
            try (JournalWriter writer = new JournalWriter(gated, 16, 16)) {
                long sequence = writer.append(1, new Basket(items));
                items.add("pear"); // after the append, before the writer stores it
                gated.gate.countDown();
                writer.awaitDurable(sequence, Duration.ofSeconds(5));
            }
            Iterator<JournalRecord> records = file.read(1);
            assertThat(records.next().payload()).isEqualTo(RecordCodec.encode(new Basket(List.of("apple"))));
        }
    }

    @Test
    void onlyRecordsOfImmutableValuesAreLeftToTheWriter() {
        assertThat(RecordCodec.encodableLater(JournalTestSupport.fill(1))).isTrue();
        assertThat(RecordCodec.encodableLater(new Basket(List.of()))).isFalse();
        assertThat(RecordCodec.encodableLater(new RunJournal.RunStarted("r", "BACKTEST", List.of(), "v", "j", false,
                "NEVER", null, null, null, 0))).isFalse();
        assertThat(RecordCodec.encodableLater(new GoldenEvents.Everything(null, null, null, null, null, null, null, null,
                null, null, null, null, null))).isFalse();
    }

    @Test
    void everyRecordOfALongBurstIsStoredInOrder() throws Exception {
        // The queue holds the whole burst (no timing in this test), and past an eighth of it waiting the appending
        // thread encodes: the records come out in order whichever thread encoded them.
        int n = 50_000;
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.never());
             JournalWriter writer = new JournalWriter(file, 65_536, 64)) {
            long last = 0;
            for (int i = 1; i <= n; i++) {
                last = writer.append(i, JournalTestSupport.fill(i));
                assertThat(last).isEqualTo(i);
            }
            writer.awaitDurable(last, Duration.ofSeconds(30));
            assertThat(JournalVerifier.verify(file)).isEqualTo(JournalVerifier.Result.ok(n));
            Iterator<JournalRecord> records = file.read(1);
            for (int i = 1; i <= n; i++) {
                Fill expected = JournalTestSupport.fill(i);
                assertThat(records.next().payload()).isEqualTo(RecordCodec.encode(expected));
            }
        }
    }

    /** The golden events through a writer whose wall clock gives the golden wall times. */
    private static void writeGoldenEvents(Path dir, int capacity, boolean holdWriter) throws Exception {
        AtomicLong wallSequence = new AtomicLong();
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.never())) {
            JournalWriterTest.GatedStore gated = new JournalWriterTest.GatedStore(file);
            if (!holdWriter) gated.gate.countDown();
            try (JournalWriter writer = new JournalWriter(gated, capacity, 4,
                    () -> CanonicalFormGoldenTest.wallTime(wallSequence.incrementAndGet()))) {
                long sequence = 0;
                for (Record event : GoldenEvents.all()) {
                    sequence = writer.append(CanonicalFormGoldenTest.engineTime(sequence + 1), event);
                }
                gated.gate.countDown();
                writer.awaitDurable(sequence, Duration.ofSeconds(5));
                assertThat(writer.failure()).isNull();
            }
        }
    }
}
