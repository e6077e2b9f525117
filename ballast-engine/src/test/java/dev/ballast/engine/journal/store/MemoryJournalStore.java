package dev.ballast.engine.journal.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** An in-memory journal store for tests. Thread-safe: the writer appends while a test reads. */
public final class MemoryJournalStore implements JournalStore {
    public final List<JournalRecord> records = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void append(List<JournalRecord> batch) {
        records.addAll(batch);
    }

    @Override
    public Iterator<JournalRecord> read(long fromSequence) {
        return List.copyOf(records).stream().filter(r -> r.sequence() >= fromSequence).iterator();
    }

    @Override
    public Optional<JournalRecord> last() {
        synchronized (records) {
            return records.isEmpty() ? Optional.empty() : Optional.of(records.getLast());
        }
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }

    public List<String> types() {
        synchronized (records) {
            return records.stream().map(JournalRecord::type).toList();
        }
    }
}
