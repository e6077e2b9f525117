package dev.ballast.engine.journal.store;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Where journal records are kept: the SPI of the embedded {@link FileJournalStore} and of the PostgreSQL store
 * (module ballast-journal-postgres). Called by one thread at a time (the {@link JournalWriter}'s writer thread, or a
 * reader). What every store must do is spelled out as tests in {@code JournalStoreContract} (test sources).
 */
public interface JournalStore extends AutoCloseable {
    /**
     * The journal format this build writes (the file store's segment version, the PostgreSQL store's
     * {@code payload_format}). 3: the engine's events in causes-first order (its event bus delivers an event raised
     * while another is being delivered after that one, so a bracket's exits follow the entry's fill and its booking).
     * 2: the same binary payloads, events in the older re-entrant order (the exits' approval and submission before the
     * entry's FILLED and FillBooked). 1: text payloads, not read.
     */
    int FORMAT = 3;

    /**
     * The oldest format this build reads (for the audit commands). A run is re-executed, and so resumed, only in
     * {@link #FORMAT}: the records of an older one were made in another order.
     */
    int OLDEST_READABLE_FORMAT = 2;

    /** The format of the stored journal ({@link #FORMAT} when it is new or empty). */
    default int format() {
        return FORMAT;
    }

    /**
     * Appends the records, already chained and in sequence order, continuing the stored chain. When this
     * returns they are durable as far as the store's {@link FsyncPolicy} promises; when it throws, none of the
     * records already stored before the call is lost, and the caller must treat the journal as failed.
     */
    void append(List<JournalRecord> records);

    /**
     * The records from {@code fromSequence} on, in stored order. The iterator throws
     * {@link JournalCorruptException} when it reaches a record it cannot trust (a CRC mismatch, a torn frame).
     */
    Iterator<JournalRecord> read(long fromSequence);

    /** The last stored record, if any. */
    Optional<JournalRecord> last();

    /** Called by the writer when it has nothing to write: a store may flush here as its policy asks. */
    default void idle() {
    }

    /** Forces what was appended to stable storage, whatever the fsync policy. */
    void sync();

    @Override
    void close();
}
