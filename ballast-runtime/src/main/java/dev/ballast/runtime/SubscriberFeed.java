package dev.ballast.runtime;

import dev.ballast.model.event.EngineEvent;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One subscriber's bounded buffer and the thread that empties it into its {@link RunListener}.
 *
 * <p>Threading: one producer, the engine thread ({@link #offer}, {@link #end}), never blocks and takes no lock: a
 * full buffer drops the event and counts it. One consumer, this feed's own thread, delivers in order; when events
 * were dropped, the producer puts a gap marker (with the count) in the buffer before the next event that fits, so
 * the listener hears {@link RunListener#onLost} exactly where the events are missing. The buffer is a ring of
 * {@code capacity} slots handed over by release/acquire on the two counters.
 */
final class SubscriberFeed implements RunHandle.Subscription {
    private static final long IDLE_PARK_NANOS = 500_000;

    /** Events lost at this point of the stream. */
    private record Gap(long count) {
    }

    private final RunListener listener;
    private final Object[] ring;
    /** Next slot the consumer reads; written by the consumer only. */
    private final AtomicLong head = new AtomicLong();
    /** Next slot the producer writes; written by the producer only. */
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    /** Producer only: dropped since the last gap marker went in. */
    private long lostPending;
    private volatile long lostAtEnd;
    private volatile boolean ended;
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private final Thread thread;
    private final Runnable onCancel;

    SubscriberFeed(RunListener listener, int capacity, String name, Runnable onCancel) {
        if (capacity < 1) throw new IllegalArgumentException("a subscriber's buffer holds at least 1 event, was " + capacity);
        this.listener = listener;
        this.ring = new Object[capacity];
        this.onCancel = onCancel;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::deliver);
    }

    void start() {
        thread.start();
    }

    /** Engine thread: buffers {@code event}, or drops and counts it when the buffer is full. Never blocks. */
    void offer(EngineEvent event) {
        if (ended || cancelled) return;
        if (lostPending > 0) {
            if (!put(new Gap(lostPending))) {
                drop();
                return;
            }
            lostPending = 0;
        }
        if (!put(event)) drop();
    }

    private void drop() {
        lostPending++;
        lost.incrementAndGet();
    }

    private boolean put(Object item) {
        long t = tail.get();
        if (t - head.getAcquire() >= ring.length) return false;
        ring[(int) (t % ring.length)] = item;
        tail.setRelease(t + 1);
        return true;
    }

    private Object poll() {
        long h = head.get();
        if (h == tail.getAcquire()) return null;
        int slot = (int) (h % ring.length);
        Object item = ring[slot];
        ring[slot] = null;
        head.setRelease(h + 1);
        return item;
    }

    /** Engine thread: no more events; the consumer delivers what is buffered (and the last loss), then closes. */
    void end() {
        lostAtEnd = lostPending;
        lostPending = 0;
        ended = true;
    }

    private void deliver() {
        try {
            while (!cancelled) {
                boolean last = ended;
                Object item = poll();
                if (item == null) {
                    if (last) {
                        if (lostAtEnd > 0) listener.onLost(lostAtEnd);
                        break;
                    }
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                } else if (item instanceof Gap gap) {
                    listener.onLost(gap.count);
                } else {
                    listener.onEvent((EngineEvent) item);
                    delivered.incrementAndGet();
                }
            }
        } catch (RuntimeException | Error e) {
            // A listener that throws is not called again: it would see a stream with holes nobody counted.
            failure = e;
            cancelled = true;
            onCancel.run();
        }
        listener.onClosed();
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public long lost() {
        return lost.get();
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    @Override
    public void close() {
        cancelled = true;
        onCancel.run();
    }
}
