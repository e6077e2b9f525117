package dev.ballast.engine.journal.store;

/** The journal cannot be written or read as it must be. */
public class JournalException extends RuntimeException {
    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
