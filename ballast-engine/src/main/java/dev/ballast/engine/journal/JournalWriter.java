package dev.ballast.engine.journal;

import dev.ballast.model.EpochNanos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Writes the journal off the engine thread. The engine thread calls {@link #append} (never blocks: a bounded
 * queue, non-blocking offer); the writer thread drains the queue in batches, computes the hash chain and
 * appends each batch to the {@link JournalStore} in one call (group commit), so one fsync covers a batch.
 *
 * <p>Fail safe: when the queue is full or the store throws, the writer fails for good, calls every
 * {@link #onFailure} callback once (the engine halts trading), and refuses further records; what the store
 * held before the failure stays as it was. {@link #awaitDurable} lets a write-ahead caller wait until its
 * record is stored (durable as far as the store's fsync policy promises) before acting on it.
 *
 * <p>{@link #append} must be called from one thread (the engine thread): it assigns the sequence numbers.
 */
public final class JournalWriter implements AutoCloseable {
    private final JournalStore store;
    private final ArrayBlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Thread thread;
    private final List<Consumer<Throwable>> failureListeners = new CopyOnWriteArrayList<>();
    private final Object durableMonitor = new Object();
    private volatile long durableSequence;
    private volatile Throwable failure;
    private volatile boolean closing;
    private long nextSequence;
    private byte[] previousHash;

    private record Pending(long sequence, long engineTime, long wallTime, String type, byte[] payload) {
    }

    /** A writer continuing {@code store}'s chain, with a queue of {@code capacity} records. */
    public JournalWriter(JournalStore store, int capacity, int maxBatch) {
        if (capacity < 1 || maxBatch < 1) throw new IllegalArgumentException("capacity and batch must be positive");
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        JournalRecord last = store.last().orElse(null);
        this.nextSequence = last == null ? 1 : last.sequence() + 1;
        this.previousHash = last == null ? JournalRecord.GENESIS : last.hash();
        this.durableSequence = nextSequence - 1;
        this.thread = Thread.ofPlatform().name("ballast-journal-writer").daemon(true).unstarted(this::run);
        thread.start();
    }

    public JournalWriter(JournalStore store) {
        this(store, 65_536, 4_096);
    }

    /** Registers a callback for the writer's failure (called once, on the writer or the appending thread). */
    public void onFailure(Consumer<Throwable> listener) {
        failureListeners.add(listener);
        Throwable f = failure;
        if (f != null) listener.accept(f);
    }

    /** Journals a model event: type is its simple class name, payload its {@link RecordCodec} form. */
    public long append(long engineTime, Record event) {
        return append(engineTime, RecordCodec.typeOf(event), RecordCodec.encode(event));
    }

    /**
     * Queues a record without blocking. Returns its sequence, or -1 when the writer has failed or the queue is
     * full (which fails the writer: a record the journal could not take is a record lost).
     */
    public long append(long engineTime, String type, byte[] payload) {
        if (failure != null || closing) return -1;
        long sequence = nextSequence;
        Pending p = new Pending(sequence, engineTime, wallNanos(), type, payload);
        if (!queue.offer(p)) {
            fail(new JournalException("journal queue full (" + queue.size() + " records waiting): writer too slow"));
            return -1;
        }
        nextSequence = sequence + 1;
        return sequence;
    }

    private static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return EpochNanos.of(now);
    }

    /** The highest sequence stored (durable as far as the fsync policy promises). */
    public long durableSequence() {
        return durableSequence;
    }

    /** The writer's failure, or null. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Waits until record {@code sequence} is stored. Returns normally once it is; throws
     * {@link TimeoutException} when the timeout passes first, and {@link JournalException} when the writer has
     * failed before storing it (the caller must not act on the record).
     */
    public void awaitDurable(long sequence, Duration timeout) throws TimeoutException, InterruptedException {
        if (sequence < 1) throw new IllegalArgumentException("no such record: " + sequence);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (durableMonitor) {
            while (durableSequence < sequence) {
                Throwable f = failure;
                if (f != null) throw new JournalException("journal failed before record " + sequence + " was stored", f);
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new TimeoutException("record " + sequence + " not stored within " + timeout);
                TimeUnit.NANOSECONDS.timedWait(durableMonitor, left);
            }
        }
    }

    private void run() {
        List<Pending> drained = new ArrayList<>(maxBatch);
        List<JournalRecord> batch = new ArrayList<>(maxBatch);
        try {
            while (failure == null) {
                Pending first = queue.poll(10, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) break;
                    store.idle();
                    continue;
                }
                drained.add(first);
                queue.drainTo(drained, maxBatch - 1);
                for (Pending p : drained) {
                    JournalRecord r = JournalRecord.chained(previousHash, p.sequence, p.engineTime, p.wallTime, p.type,
                            p.payload);
                    previousHash = r.hash();
                    batch.add(r);
                }
                store.append(batch);
                long stored = drained.getLast().sequence;
                drained.clear();
                batch.clear();
                synchronized (durableMonitor) {
                    durableSequence = stored;
                    durableMonitor.notifyAll();
                }
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void fail(Throwable t) {
        synchronized (durableMonitor) {
            if (failure != null) return;
            failure = t;
            durableMonitor.notifyAll();
        }
        for (Consumer<Throwable> l : failureListeners) {
            try {
                l.accept(t);
            } catch (RuntimeException ignored) {
                // a listener's fault must not hide the journal's
            }
        }
    }

    /** Stores everything queued, then stops the writer thread. Does not close the store. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
