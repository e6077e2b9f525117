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
