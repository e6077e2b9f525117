package dev.ballast.engine.journal.store;

/**
 * A stored record cannot be trusted: its frame's CRC does not match, the frame is not a valid frame, or it is cut
 * short. Only {@link Kind#TORN} is what a crash leaves (see {@link TornTail}); every other kind is damage or
 * tampering, and nothing may be cut to get past it.
 */
public final class JournalCorruptException extends JournalException {
    public enum Kind {
        /** The frame fails its CRC, or is not a valid frame (bad header, bad length, bad inner lengths). */
        CRC_MISMATCH,
        /** Cut short at the very end of the journal's last segment: a crash's torn write, the only kind a resume may cut. */
        TORN,
        /** A segment other than the last ends inside its header or a frame: bytes were lost inside the journal. */
        SEGMENT_CUT_SHORT,
        /**
         * A frame of the last segment claims to run past its end, but its bytes say otherwise (its record's own
         * lengths or sequence disagree, or a complete record follows inside it): its length was damaged or edited.
         */
        OVERRUNNING_FRAME
    }

    private final Kind kind;
    private final long expectedSequence;

    public JournalCorruptException(Kind kind, long expectedSequence, String message) {
        super(message);
        this.kind = kind;
        this.expectedSequence = expectedSequence;
    }

    public Kind kind() {
        return kind;
    }

    /** The sequence the bad frame should have held (the one after the last good record). */
    public long expectedSequence() {
        return expectedSequence;
    }
}
