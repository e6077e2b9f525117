package dev.ballast.engine.journal.store;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** A store that passes every call to another: tests extend it to fail, gate or record appends of a real store. */
public abstract class ForwardingJournalStore implements JournalStore {
    protected final JournalStore delegate;

    protected ForwardingJournalStore(JournalStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(List<JournalRecord> records) {
        delegate.append(records);
    }

    @Override
    public Iterator<JournalRecord> read(long fromSequence) {
        return delegate.read(fromSequence);
    }

    @Override
    public Optional<JournalRecord> last() {
        return delegate.last();
    }

    @Override
    public void idle() {
        delegate.idle();
    }

    @Override
    public void sync() {
        delegate.sync();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
