package dev.ballast.bench;

import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A journal store that counts the writer's appends, one per group-committed batch (under fsync EVERY_BATCH, one fsync
 * each), and otherwise is the store it wraps. Appended by the writer thread; {@link #appends} read from any thread.
 */
final class CountingJournalStore implements JournalStore {
    private final JournalStore store;
    private final AtomicLong appends = new AtomicLong();

    CountingJournalStore(JournalStore store) {
        this.store = store;
    }

    long appends() {
        return appends.get();
    }

    @Override
    public int format() {
        return store.format();
    }

    @Override
    public void append(List<JournalRecord> records) {
        store.append(records);
        appends.incrementAndGet();
    }

    @Override
    public Iterator<JournalRecord> read(long fromSequence) {
        return store.read(fromSequence);
    }

    @Override
    public Optional<JournalRecord> last() {
        return store.last();
    }

    @Override
    public void idle() {
        store.idle();
    }

    @Override
    public void sync() {
        store.sync();
    }

    @Override
    public void close() {
        store.close();
    }
}
