package dev.ballast.engine.journal;

import dev.ballast.engine.journal.JournalVerifier.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static dev.ballast.engine.journal.JournalTestSupport.fill;
import static dev.ballast.engine.journal.JournalTestSupport.fixCrc;
import static dev.ballast.engine.journal.JournalTestSupport.frame;
import static dev.ballast.engine.journal.JournalTestSupport.frames;
import static dev.ballast.engine.journal.JournalTestSupport.onlySegment;
import static dev.ballast.engine.journal.JournalTestSupport.payloadOffset;
import static dev.ballast.engine.journal.JournalTestSupport.rewrite;
import static dev.ballast.engine.journal.JournalTestSupport.writeFills;
import static org.assertj.core.api.Assertions.assertThat;

class FileJournalStoreTest {
    @TempDir
    Path dir;

    private JournalVerifier.Result verify() {
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            return JournalVerifier.verify(store);
        }
    }

    @Test
    void rollsSegmentsAndReadsFromTheMiddle() throws Exception {
        writeFills(dir, 2000, FsyncPolicy.never(), 4096);
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(store.segments().size()).isGreaterThan(10);
            assertThat(JournalVerifier.verify(store).ok()).isTrue();
            assertThat(JournalVerifier.verify(store).count()).isEqualTo(2000);
            Iterator<JournalRecord> it = store.read(1234);
            assertThat(it.next().sequence()).isEqualTo(1234);
            long n = 1;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            assertThat(n).isEqualTo(2000 - 1234 + 1);
        }
    }

    @Test
    void readsAFormatTwoJournalButRefusesToAppendToIt() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        // As a Ballast of the re-entrant event order wrote it: the same frames under header version 2.
        try (FileChannel channel = FileChannel.open(onlySegment(dir), StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.allocate(4).putInt(0, 2), 4);
        }
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(store.format()).isEqualTo(2);
            assertThat(JournalVerifier.verify(store).count()).isEqualTo(6);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileJournalStore.open(dir, FsyncPolicy.never()))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("is format 2; this Ballast appends to format 3 only");
    }

    @Test
    void flippedPayloadByteIsCaughtByTheCrc() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        frames.get(3)[payloadOffset(frames.get(3)) + 5] ^= 0x01;
        rewrite(seg, frames);
        JournalVerifier.Result r = verify();
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).isEqualTo(Problem.CRC_MISMATCH);
        assertThat(r.sequence()).isEqualTo(4);
        assertThat(r.count()).isEqualTo(3);
    }

    @Test
    void flippedPayloadByteWithARecomputedCrcIsCaughtByTheChain() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        frames.get(3)[payloadOffset(frames.get(3)) + 5] ^= 0x01;
        fixCrc(frames.get(3));
        rewrite(seg, frames);
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(r.sequence()).isEqualTo(4);
    }

    @Test
    void verifierHandsOnOnlyTheRecordsBeforeTheFirstBadOne() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        List<Long> verified = new ArrayList<>();
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(JournalVerifier.verify(store, r -> verified.add(r.sequence())).ok()).isTrue();
        }
        assertThat(verified).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        frames.get(3)[payloadOffset(frames.get(3)) + 5] ^= 0x01;
        fixCrc(frames.get(3));
        rewrite(seg, frames);
        verified.clear();
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(JournalVerifier.verify(store, r -> verified.add(r.sequence())).sequence()).isEqualTo(4);
        }
        assertThat(verified).containsExactly(1L, 2L, 3L);
    }

    @Test
    void deletedRecordIsASequenceGap() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        frames.remove(2);
        rewrite(seg, frames);
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.SEQUENCE_GAP);
        assertThat(r.sequence()).isEqualTo(3);
        assertThat(r.count()).isEqualTo(2);
    }

    @Test
    void deletedFirstRecordIsASequenceGap() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        frames.removeFirst();
        rewrite(seg, frames);
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.SEQUENCE_GAP);
        assertThat(r.sequence()).isEqualTo(1);
    }

    @Test
    void swappedRecordsAreReordered() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        byte[] third = frames.get(2);
        frames.set(2, frames.get(3));
        frames.set(3, third);
        rewrite(seg, frames);
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.REORDERED);
        assertThat(r.sequence()).isEqualTo(3);
    }

    @Test
    void recordAppendedByHandDoesNotChain() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        JournalRecord forged = new JournalRecord(7, 1, 2, "Fill", RecordCodec.encode(fill(7)), new byte[32]);
        frames.add(frame(forged));
        rewrite(seg, frames);
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.UNCHAINED_APPEND);
        assertThat(r.sequence()).isEqualTo(7);
        assertThat(r.count()).isEqualTo(6);
    }

    @Test
    void tornTailIsReportedThenTruncatedOnOpen() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - frames.getLast().length / 2);
        }
        JournalVerifier.Result before = verify();
        assertThat(before.problem()).isEqualTo(Problem.TORN);
        assertThat(before.sequence()).isEqualTo(6);
        assertThat(before.count()).isEqualTo(5);

        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.everyBatch())) {
            FileJournalStore.Recovery rec = store.recovery();
            assertThat(rec.truncated()).isTrue();
            assertThat(rec.nextSequence()).isEqualTo(6);
            assertThat(rec.bytesDropped()).isEqualTo(frames.getLast().length - frames.getLast().length / 2);
            assertThat(store.last().orElseThrow().sequence()).isEqualTo(5);
            try (JournalWriter writer = new JournalWriter(store)) {
                long seq = writer.append(1, "Note", JournalTestSupport.utf8("after the tear"));
                assertThat(seq).isEqualTo(6);
                writer.awaitDurable(seq, java.time.Duration.ofSeconds(5));
            }
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(6));
    }

    @Test
    void damagedFrameInTheTailTruncatesEverythingAfterIt() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        frames.get(3)[payloadOffset(frames.get(3))] ^= 0x40;
        rewrite(seg, frames);
        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.everyBatch())) {
            assertThat(store.recovery().truncated()).isTrue();
            assertThat(store.last().orElseThrow().sequence()).isEqualTo(3);
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(3));
    }
}
