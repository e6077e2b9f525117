package dev.ballast.engine.journal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The hand-off from the engine thread to the journal writer: a bounded single-producer, single-consumer ring of
 * slots, each made on its first use and reused ever after (so a large capacity costs memory only when the backlog
 * really grows). The producer fills a slot and publishes it with one volatile store; the consumer reads what is
 * published, clears the slots and releases them. No lock, no system call on either side, and in the steady state
 * no allocation.
 *
 * <p>Threading: {@link #offer} from one producer thread only, {@link #drain} from one consumer thread only;
 * {@link #size} and {@link #isEmpty} from any thread.
 */
final class PendingRing {
    /** One queued record: its event still to encode, or its payload already encoded. */
    static final class Slot {
        long sequence;
        long engineTime;
        long wallTime;
        String type;
        Record event;
        byte[] payload;
    }

    /** What the consumer does with each published slot (the slot is cleared and reused afterwards). */
    interface Handler {
        void handle(Slot slot);
    }

    // The two counters sit 128 bytes apart in one array, away from its header, so that the producer's and the
    // consumer's writes do not share a cache line.
    private static final int PUBLISHED = 8;
    private static final int CONSUMED = 24;

    private final Slot[] slots;
    private final int mask;
    private final int capacity;
    private final AtomicLongArray counters = new AtomicLongArray(32);
    private long produced; // producer's own copy of PUBLISHED
    private long consumedSeen; // producer's last look at CONSUMED
    private long consumed; // consumer's own copy of CONSUMED

    PendingRing(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) throw new IllegalArgumentException("capacity must be 1 to 2^30");
        this.capacity = capacity;
        int size = Integer.highestOneBit(capacity);
        if (size < capacity) size <<= 1;
        slots = new Slot[size];
        mask = size - 1;
    }

    /** Queues one record; false when the ring is full. Producer thread only. */
    boolean offer(long sequence, long engineTime, long wallTime, String type, Record event, byte[] payload) {
        if (produced - consumedSeen >= capacity) {
            consumedSeen = counters.getAcquire(CONSUMED);
            if (produced - consumedSeen >= capacity) return false;
        }
        int index = (int) produced & mask;
        Slot s = slots[index];
        if (s == null) slots[index] = s = new Slot(); // published to the consumer with the slot's contents below
        s.sequence = sequence;
        s.engineTime = engineTime;
        s.wallTime = wallTime;
        s.type = type;
        s.event = event;
        s.payload = payload;
        // A full fence: the writer, about to park, checks isEmpty() after announcing it; the producer checks that
        // announcement after this store, so one of them always sees the other.
        counters.set(PUBLISHED, ++produced);
        return true;
    }

    /**
     * Whether fewer than {@code limit} records are queued, as far as the producer knows: its view of the consumer is
     * refreshed only when the answer would otherwise be no, so it may say no a little too often, never yes wrongly.
     * Producer thread only.
     */
    boolean backlogBelow(int limit) {
        if (produced - consumedSeen < limit) return true;
        consumedSeen = counters.getAcquire(CONSUMED);
        return produced - consumedSeen < limit;
    }

    /**
     * Hands up to {@code max} published slots to {@code handler}, in order, freeing each as soon as it is handled
     * (so that the producer's view of the backlog stays current). Consumer thread only.
     */
    int drain(Handler handler, int max) {
        long available = counters.getAcquire(PUBLISHED) - consumed;
        int n = (int) Math.min(available, max);
        for (int i = 0; i < n; i++) {
            Slot s = slots[(int) consumed & mask];
            handler.handle(s);
            s.type = null;
            s.event = null;
            s.payload = null;
            counters.setRelease(CONSUMED, ++consumed);
        }
        return Math.max(n, 0);
    }

    /** Records queued and not yet drained. */
    int size() {
        return (int) (counters.get(PUBLISHED) - counters.get(CONSUMED));
    }

    boolean isEmpty() {
        return size() == 0;
    }
}
