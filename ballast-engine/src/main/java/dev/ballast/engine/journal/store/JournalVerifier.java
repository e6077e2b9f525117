package dev.ballast.engine.journal.store;

import java.util.HexFormat;
import dev.ballast.engine.journal.RunJournal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a journal end to end and recomputes its hash chain. Reports the first record that cannot be trusted and
 * why, or OK with the number of records. Given an anchor ({@link JournalHead}: a record's sequence and hash kept
 * outside the journal), it also checks that the journal reaches that record and that the record has that hash.
 */
public final class JournalVerifier {
    /** Why a record is bad. */
    public enum Problem {
        /** The record's stored hash is not SHA-256(previous hash || its content): it was altered. */
        HASH_MISMATCH,
        /** The last record's hash does not chain onto the intact records before it: appended by hand (or altered). */
        UNCHAINED_APPEND,
        /** A sequence number is missing: a record was deleted. */
        SEQUENCE_GAP,
        /** Records are out of order (a record was moved, or two swapped). */
        REORDERED,
        /** A frame fails its CRC, or is not a valid frame: damaged or edited bytes. */
        CRC_MISMATCH,
        /**
         * A frame is cut short at the very end of the last segment, nothing complete after it: a torn write, what a
         * crash leaves (the only problem a resume may cut).
         */
        TORN,
        /** A segment that later segments follow ends inside a frame (or its header): bytes were lost inside the journal. */
        SEGMENT_CUT_SHORT,
        /**
         * A frame's length runs past the end of the last segment while its bytes say otherwise (a complete record
         * follows inside it, or its record's own lengths or sequence disagree): damaged or edited, not a torn write.
         */
        OVERRUNNING_FRAME,
        /** A record follows the run's {@code RunFinished} or {@code RunStopped}: an ended run's journal takes no more records. */
        RECORD_AFTER_FINISH,
        /** The anchored record's hash is not the anchor's: the chain up to it was rewritten (with valid hashes). */
        ANCHOR_MISMATCH,
        /** The journal ends before the anchored record: records were cut off its tail. */
        TRUNCATED
    }

    /**
     * The verdict. When {@code ok}, {@code count} records chain correctly; otherwise {@code sequence} is the
     * first bad record's sequence (for a gap or reordering, the sequence that was expected there), {@code count}
     * the records verified before it.
     */
    public record Result(boolean ok, long count, long sequence, Problem problem, String detail) {
        public static Result ok(long count) {
            return new Result(true, count, -1, null, null);
        }

        /**
         * No complete record, and nothing wrong but a torn write: what a run killed before its first record leaves.
         */
        public boolean holdsNoRecord() {
            return count == 0 && (ok || problem == Problem.TORN);
        }

        @Override
        public String toString() {
            return ok ? "OK: " + count + " records, hash chain intact"
                    : "BAD at sequence " + sequence + ": " + problem + " (" + detail + "); " + count
                    + " records verified before it";
        }
    }

    /** The types of the last record of a run that ended: finished its data, or stopped by an operator or a signal. */
    private static final Set<String> RUN_ENDS = Set.of(RunJournal.RunFinished.class.getSimpleName(),
            RunJournal.RunStopped.class.getSimpleName());

    private JournalVerifier() {
    }

    public static Result verify(JournalStore store) {
        return verify(store, record -> {
        });
    }

    /**
     * Verifies as {@link #verify(JournalStore)} and gives {@code verified} each record, in order, once it is known to
     * chain onto the ones before it: a reader can stream a journal of any size and trust everything it was given,
     * up to the bad record the result reports.
     */
    public static Result verify(JournalStore store, Consumer<JournalRecord> verified) {
        return verify(store, JournalHead.EMPTY, verified);
    }

    /**
     * Verifies as {@link #verify(JournalStore, Consumer)} and checks the journal against {@code anchor}: a chain
     * that verifies but does not hold the anchor's hash at its sequence is {@link Problem#ANCHOR_MISMATCH} (reported
     * at that record, after the ones before it), one that ends before it is {@link Problem#TRUNCATED}. Records after
     * the anchored one are verified as usual (a journal grows after it is anchored). {@link JournalHead#EMPTY}
     * anchors nothing.
     */
    public static Result verify(JournalStore store, JournalHead anchor, Consumer<JournalRecord> verified) {
        Iterator<JournalRecord> it = store.read(1);
        byte[] previous = JournalRecord.GENESIS;
        long count = 0;
        JournalRecord current = null;
        JournalRecord finished = null;
        try {
            current = it.hasNext() ? it.next() : null;
            while (current != null) {
                JournalRecord next = it.hasNext() ? it.next() : null;
                long expected = count + 1;
                if (current.sequence() != expected) {
                    boolean reordered = current.sequence() < expected
                            || (next != null && next.sequence() == expected);
                    if (reordered) {
                        return new Result(false, count, expected, Problem.REORDERED,
                                "record " + current.sequence() + " found where " + expected + " was due");
                    }
                    return new Result(false, count, expected, Problem.SEQUENCE_GAP,
                            "record " + expected + " missing: " + current.sequence() + " follows "
                                    + (expected - 1));
                }
                byte[] hash = JournalRecord.chain(previous, current.canonicalBytes());
                if (!Arrays.equals(hash, current.hash())) {
                    if (next == null) {
                        return new Result(false, count, expected, Problem.UNCHAINED_APPEND,
                                "the last record's hash does not chain onto record " + (expected - 1)
                                        + ": appended by hand or altered");
                    }
                    return new Result(false, count, expected, Problem.HASH_MISMATCH,
                            "stored hash differs from SHA-256(previous hash || record): the record was altered");
                }
                previous = hash;
                if (!anchor.holds(current)) return anchorMismatch(anchor, current);
                if (finished != null) return recordAfterFinish(finished, current, count);
                count++;
                verified.accept(current);
                if (RUN_ENDS.contains(current.type())) finished = current;
                current = next;
            }
        } catch (JournalCorruptException e) {
            // a corrupt frame found while looking ahead: the records before it are checked first
            if (current != null) {
                long expected = count + 1;
                byte[] hash = current.sequence() == expected ? JournalRecord.chain(previous, current.canonicalBytes()) : null;
                if (hash == null || !Arrays.equals(hash, current.hash())) {
                    return new Result(false, count, expected,
                            hash == null ? Problem.SEQUENCE_GAP : Problem.HASH_MISMATCH,
                            "record " + current.sequence() + " does not follow record " + count);
                }
                if (!anchor.holds(current)) return anchorMismatch(anchor, current);
                if (finished != null) return recordAfterFinish(finished, current, count);
                count++;
                verified.accept(current);
            }
            return new Result(false, count, count + 1, problemOf(e.kind()), e.getMessage());
        }
        if (count < anchor.sequence()) {
            return new Result(false, count, count + 1, Problem.TRUNCATED, "the journal ends at record " + count
                    + ", before the anchored record " + anchor.sequence() + ": records were cut off");
        }
        return Result.ok(count);
    }

    private static Problem problemOf(JournalCorruptException.Kind kind) {
        return switch (kind) {
            case CRC_MISMATCH -> Problem.CRC_MISMATCH;
            case TORN -> Problem.TORN;
            case SEGMENT_CUT_SHORT -> Problem.SEGMENT_CUT_SHORT;
            case OVERRUNNING_FRAME -> Problem.OVERRUNNING_FRAME;
        };
    }

    private static Result recordAfterFinish(JournalRecord finished, JournalRecord record, long count) {
        return new Result(false, count, record.sequence(), Problem.RECORD_AFTER_FINISH, "record " + record.sequence()
                + " (" + record.type() + ") follows record " + finished.sequence() + ", the run's " + finished.type()
                + ": nothing is journaled after a run finished, so it was appended later");
    }

    private static Result anchorMismatch(JournalHead anchor, JournalRecord record) {
        return new Result(false, anchor.sequence() - 1, anchor.sequence(), Problem.ANCHOR_MISMATCH, "record "
                + anchor.sequence() + " has hash " + HexFormat.of().formatHex(record.hash())
                + ", the anchor says " + anchor.hashHex() + ": the journal was rewritten up to there");
    }
}
