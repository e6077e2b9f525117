package dev.ballast.engine.journal.store;

import java.time.Duration;
import dev.ballast.engine.journal.store.JournalVerifier.Problem;
import dev.ballast.engine.journal.JournalTestSupport;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.store.JournalVerifier.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            channel.write(ByteBuffer.allocate(4).putInt(0, 2), 4);
        }
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(store.format()).isEqualTo(2);
            assertThat(JournalVerifier.verify(store).count()).isEqualTo(6);
        }
        assertThatThrownBy(() -> FileJournalStore.open(dir, FsyncPolicy.never()))
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
                writer.awaitDurable(seq, Duration.ofSeconds(5));
            }
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(6));
    }

    @Test
    void damagedFrameWithCompleteRecordsAfterItIsRefusedOnOpenAndNothingIsCut() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        frames.get(3)[payloadOffset(frames.get(3))] ^= 0x40;
        rewrite(seg, frames);
        byte[] damaged = Files.readAllBytes(seg);

        assertThatThrownBy(() -> FileJournalStore.open(dir, FsyncPolicy.everyBatch()))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("CRC mismatch in " + seg.getFileName() + " at byte " + frameOffset(frames, 3));
        assertThat(Files.readAllBytes(seg)).as("nothing cut").isEqualTo(damaged);
        assertThat(verify().problem()).isEqualTo(Problem.CRC_MISMATCH);
    }

    @Test
    void frameLengthPointingPastTheEndWithRecordsAfterItIsCorruptionNotATear() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        long at = frameOffset(frames, 2);
        putInt(seg, at, 16 * 1024 * 1024);
        byte[] tampered = Files.readAllBytes(seg);

        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.OVERRUNNING_FRAME);
        assertThat(r.sequence()).isEqualTo(3);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.detail()).contains(seg.getFileName() + " at byte " + at).contains("frame length 16777216");
        assertThat(r.holdsNoRecord()).isFalse();

        assertThatThrownBy(() -> FileJournalStore.open(dir, FsyncPolicy.everyBatch()))
                .isInstanceOf(JournalCorruptException.class)
                .extracting(e -> ((JournalCorruptException) e).kind())
                .isEqualTo(JournalCorruptException.Kind.OVERRUNNING_FRAME);
        assertThat(Files.readAllBytes(seg)).as("nothing cut").isEqualTo(tampered);
    }

    @Test
    void frameLengthEditedWithItsRecordsOwnLengthsIsCaughtByTheRecordsInsideIt() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        List<byte[]> frames = frames(seg);
        long at = frameOffset(frames, 2);
        int grow = 1 << 20;
        byte[] frame = frames.get(2);
        int body = frame.length - FileJournalStore.FRAME_OVERHEAD;
        int payloadLengthAt = payloadOffset(frame) - 4;
        int payloadLength = ByteBuffer.wrap(frame).getInt(payloadLengthAt);
        // A forger who knows the format: the frame and its record both claim a payload that swallows the rest.
        putInt(seg, at, body + grow);
        putInt(seg, at + payloadLengthAt, payloadLength + grow);

        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.OVERRUNNING_FRAME);
        assertThat(r.sequence()).isEqualTo(3);
        assertThat(r.detail()).contains("a complete record (sequence 4) starts inside it at byte " + frameOffset(frames, 3));
    }

    @Test
    void frameCutShortInASegmentThatIsNotTheLastIsCorruption() throws Exception {
        writeFills(dir, 200, FsyncPolicy.never(), 4096);
        List<Path> segments;
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            segments = store.segments();
        }
        assertThat(segments.size()).isGreaterThan(3);
        Path middle = segments.get(1);
        long size = Files.size(middle);
        try (FileChannel ch = FileChannel.open(middle, StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.SEGMENT_CUT_SHORT);
        assertThat(r.sequence()).isEqualTo(FileJournalStore.firstSequenceOf(segments.get(2)) - 1);
        assertThat(r.detail()).contains(middle.getFileName().toString()).contains("later segments follow");
    }

    @Test
    void frameLengthPointingPastTheEndOfASegmentThatIsNotTheLastIsCorruption() throws Exception {
        writeFills(dir, 200, FsyncPolicy.never(), 4096);
        List<Path> segments;
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            segments = store.segments();
        }
        Path middle = segments.get(1);
        long at = frameOffset(frames(middle), 3);
        putInt(middle, at, 16 * 1024 * 1024);
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.SEGMENT_CUT_SHORT);
        assertThat(r.sequence()).isEqualTo(FileJournalStore.firstSequenceOf(middle) + 3);
        assertThat(r.detail()).contains(middle.getFileName() + " at byte " + at);
    }

    @Test
    void tornFirstFrameOfTheLastSegmentIsATearAndIsCut() throws Exception {
        writeFills(dir, 200, FsyncPolicy.never(), 4096);
        Path last;
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            last = store.segments().getLast();
        }
        long first = FileJournalStore.firstSequenceOf(last);
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            ch.truncate(FileJournalStore.HEADER_LENGTH + 40);
        }
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.TORN);
        assertThat(r.count()).isEqualTo(first - 1);
        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.never())) {
            assertThat(store.recovery().truncated()).isTrue();
            assertThat(store.recovery().nextSequence()).isEqualTo(first);
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(first - 1));
    }

    @Test
    void tornFrameHeaderAtTheEndIsATear() throws Exception {
        writeFills(dir, 6, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment(dir);
        Files.write(seg, new byte[] {0, 0, 1}, StandardOpenOption.APPEND);
        assertThat(verify().problem()).isEqualTo(Problem.TORN);
        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.everyBatch())) {
            assertThat(store.recovery().bytesDropped()).isEqualTo(3);
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(6));
    }

    @Test
    void strayFileNamedLikeASegmentIsAOneLineError() throws Exception {
        writeFills(dir, 3, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Files.writeString(dir.resolve("segment-abc.journal"), "not a segment");
        assertThatThrownBy(() -> FileJournalStore.openReadOnly(dir))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("segment-abc.journal, which is not a journal segment");
        assertThatThrownBy(() -> FileJournalStore.open(dir, FsyncPolicy.everyBatch()))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("segment-abc.journal");
    }

    @Test
    void holdsNoRecordOnlyForWhatAKillBeforeTheFirstRecordLeaves() throws Exception {
        assertThat(FileJournalStore.holdsNoRecord(dir.resolve("absent"))).isTrue();
        Files.createDirectories(dir.resolve("empty"));
        assertThat(FileJournalStore.holdsNoRecord(dir.resolve("empty"))).isTrue();

        FileJournalStore.open(dir.resolve("header"), FsyncPolicy.everyBatch()).close();
        assertThat(FileJournalStore.holdsNoRecord(dir.resolve("header"))).isTrue();

        Path torn = dir.resolve("torn");
        writeFills(torn, 1, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        assertThat(FileJournalStore.holdsNoRecord(torn)).isFalse();
        Path seg = onlySegment(torn);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(seg) - 5);
        }
        assertThat(FileJournalStore.holdsNoRecord(torn)).isTrue();

        Path damaged = dir.resolve("damaged");
        writeFills(damaged, 3, FsyncPolicy.everyBatch(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        Path first = onlySegment(damaged);
        List<byte[]> frames = frames(first);
        frames.getFirst()[payloadOffset(frames.getFirst())] ^= 0x40;
        rewrite(first, frames);
        assertThat(FileJournalStore.holdsNoRecord(damaged)).as("a damaged first record is not an empty journal").isFalse();
    }

    /** The byte offset in its segment of frame {@code index}. */
    private static long frameOffset(List<byte[]> frames, int index) {
        long at = FileJournalStore.HEADER_LENGTH;
        for (int i = 0; i < index; i++) at += frames.get(i).length;
        return at;
    }

    private static void putInt(Path segment, long at, int value) throws Exception {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, value), at);
        }
    }
}
