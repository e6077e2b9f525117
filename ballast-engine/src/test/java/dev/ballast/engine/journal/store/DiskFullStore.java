package dev.ballast.engine.journal.store;

import java.util.List;

/** A store that fails like a full disk once {@code capacity} records are stored: the failure comes through the SPI. */
public final class DiskFullStore extends ForwardingJournalStore {
    private final long capacity;
    private long stored;

    public DiskFullStore(JournalStore delegate, long capacity) {
        super(delegate);
        this.capacity = capacity;
    }

    @Override
    public void append(List<JournalRecord> records) {
        if (stored + records.size() > capacity) throw new JournalException("No space left on device");
        delegate.append(records);
        stored += records.size();
    }
}
