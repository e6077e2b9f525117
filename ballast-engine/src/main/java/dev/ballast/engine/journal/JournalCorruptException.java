package dev.ballast.engine.journal;

/** A stored record cannot be trusted: its frame's CRC does not match, or the frame is cut short (torn write). */
public final class JournalCorruptException extends JournalException {
    public enum Kind {
        CRC_MISMATCH, TORN
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
