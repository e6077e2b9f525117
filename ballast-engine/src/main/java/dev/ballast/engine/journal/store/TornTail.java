package dev.ballast.engine.journal.store;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Decides whether a frame of a file journal that runs past the end of its segment is a torn write (what a crash
 * leaves, which a resume may cut) or damage. The definition, precisely: the journal's tail from byte {@code O} of
 * its <b>last</b> segment is torn when
 * <ol>
 *   <li>fewer than the 8 bytes of a frame header remain after {@code O} (or of the segment header, for a segment
 *       shorter than its header); or</li>
 *   <li>the frame header at {@code O} gives a body length within the format's limits that reaches past the end of
 *       the file, <i>and</i> the body bytes present agree with it as far as they go (the record's sequence is the
 *       one due there, its type and payload lengths add up to the frame's length), <i>and</i> no complete frame
 *       with a valid CRC and a sequence at or after the one due starts anywhere after that header.</li>
 * </ol>
 * A crash cuts the last write short and leaves nothing after it; a frame whose length points past data that is
 * still there (a later record, or its own record's lengths saying otherwise) was not cut by a crash, and neither
 * was a frame cut short in a segment that later segments follow. Those are {@link JournalCorruptException.Kind
 * corruption}: reported where they are, never cut. Called by {@link FileJournalStore}'s segment reader only on a
 * frame that runs past its segment's end.
 */
final class TornTail {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** Body offsets of the record's fields (see {@link JournalRecord}): sequence, then two times, then type length. */
    private static final int TYPE_LENGTH_AT = 24;
    /** A later frame's sequence this far past the one due is not a sequence this journal wrote. */
    private static final long SEQUENCE_WINDOW = 1L << 31;

    private TornTail() {
    }

    /**
     * Null when the frame at {@code frameOffset} of {@code segment} (the journal's last), whose header gives
     * {@code declaredBody} bytes of body that the file does not hold, is a torn last write; otherwise why it is not.
     *
     * @param dueSequence the sequence the frame's record must hold
     */
    static String whyNotTorn(Path segment, long frameOffset, int declaredBody, long dueSequence) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ);
             Arena arena = Arena.ofConfined()) {
            MemorySegment tail = channel.map(FileChannel.MapMode.READ_ONLY, frameOffset, channel.size() - frameOffset,
                    arena);
            String disagreement = disagreement(tail, declaredBody, dueSequence);
            if (disagreement != null) return disagreement;
            long follower = completeFrameAfterHeader(tail, dueSequence);
            if (follower >= 0) {
                return "frame length " + declaredBody + " runs past the end of the segment, but a complete record ("
                        + "sequence " + tail.get(LONG, follower + FileJournalStore.FRAME_OVERHEAD) + ") starts inside it at byte "
                        + (frameOffset + follower) + ": the length was damaged or edited, this is not a torn write";
            }
            return null;
        }
    }

    /** Why the body bytes present contradict the frame's length or position; null when they agree. */
    private static String disagreement(MemorySegment tail, int declaredBody, long dueSequence) {
        long body = FileJournalStore.FRAME_OVERHEAD;
        long present = tail.byteSize() - body;
        String prefix = "frame length " + declaredBody + " runs past the end of the segment, but ";
        if (present >= Long.BYTES) {
            long sequence = tail.get(LONG, body);
            if (sequence != dueSequence) {
                return prefix + "its record holds sequence " + sequence + " where " + dueSequence
                        + " was due: this is not a torn write";
            }
        }
        if (present >= TYPE_LENGTH_AT + Integer.BYTES) {
            int typeLength = tail.get(INT, body + TYPE_LENGTH_AT);
            long least = (long) JournalRecord.canonicalLength(0, 0) + typeLength + JournalRecord.HASH_LENGTH;
            if (typeLength < 0 || least > declaredBody) {
                return prefix + "its record's type length " + typeLength + " does not fit it: this is not a torn write";
            }
            long payloadLengthAt = body + TYPE_LENGTH_AT + Integer.BYTES + typeLength;
            if (present >= payloadLengthAt - body + Integer.BYTES) {
                int payloadLength = tail.get(INT, payloadLengthAt);
                long implied = least + payloadLength;
                if (payloadLength < 0 || implied != declaredBody) {
                    return prefix + "its record's own lengths make a body of " + implied
                            + " bytes: the length was damaged or edited, this is not a torn write";
                }
            }
        }
        return null;
    }

    /**
     * The offset in {@code tail} of the first complete frame (length within what remains, sequence at or after the
     * one due, CRC valid) that starts after the bad frame's header, or -1.
     */
    private static long completeFrameAfterHeader(MemorySegment tail, long dueSequence) {
        CRC32 crc = new CRC32();
        long size = tail.byteSize();
        for (long at = FileJournalStore.FRAME_OVERHEAD;
             at + FileJournalStore.FRAME_OVERHEAD + FileJournalStore.MIN_BODY <= size; at++) {
            int length = tail.get(INT, at);
            long body = at + FileJournalStore.FRAME_OVERHEAD;
            if (length < FileJournalStore.MIN_BODY || length > size - body) continue;
            long sequence = tail.get(LONG, body);
            if (sequence < dueSequence || sequence - dueSequence > SEQUENCE_WINDOW) continue;
            crc.reset();
            crc.update(tail.asSlice(body, length).asByteBuffer());
            if ((int) crc.getValue() == tail.get(INT, at + Integer.BYTES)) return at;
        }
        return -1;
    }
}
