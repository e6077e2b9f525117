package dev.ballast.engine.journal;

import dev.ballast.engine.clock.NanoClock;
import dev.ballast.engine.journal.codec.CanonicalOutput;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.codec.RecordShape;
import dev.ballast.engine.journal.store.ChainHasher;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalHead;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.model.EpochNanos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Writes the journal off the engine thread. The engine thread calls {@link #append}, which never blocks: it puts
 * the record into a bounded single-producer ring ({@link PendingRing}: no lock, no allocation, no system call
 * unless the writer thread is parked). The writer thread drains the ring in batches, encodes the events
 * ({@link RecordCodec}), computes the hash chain and appends each batch to the {@link JournalStore} in one call
 * (group commit), so one fsync covers a batch.
 *
 * <p>The engine thread never waits for the writer. When the writer has fallen far behind (half the queue waiting),
 * {@link #append} yields the engine thread's time slice ({@link Thread#yield}) after queuing: on a machine with a
 * free core that returns at once; on a saturated one it lets the writer run before the queue fills and the journal
 * fails.
 *
 * <p>Where an event is encoded: on the writer thread when {@link RecordCodec} can tell it is immutable (every model
 * event: records of primitives, strings, enums and such records), so the bytes are those the event had when it was
 * appended, and the engine thread only queues a reference; but on the appending thread, before it is queued, when
 * the event is not (a record holding a list, say) and whenever the writer has fallen behind (more than an eighth
 * of the queue waiting). The second rule shares the work between the two threads as the load asks: with the
 * writer doing everything, a backtest producing records as fast as it can would outrun it and fill the queue.
 * The bytes are the same either way.
 *
 * <p>Fail safe: when the queue is full, an event cannot be encoded or the store throws, the writer fails for good,
 * calls every {@link #onFailure} callback once (the engine halts trading), and refuses further records; what the
 * store held before the failure stays as it was. {@link #awaitDurable} lets a write-ahead caller wait until its
 * record is stored (durable as far as the store's fsync policy promises) before acting on it.
 *
 * <p>{@link #append} must be called from one thread (the engine thread): it assigns the sequence numbers.
 */
public final class JournalWriter implements AutoCloseable {
    /** Records the default queue holds (slots are made as the backlog first reaches them). */
    public static final int DEFAULT_CAPACITY = 262_144;
    /** Idle writer: spin this many rounds, then yield this many, then park (woken by the next append). */
    private static final int SPIN_ROUNDS = 200;
    private static final int YIELD_ROUNDS = 20;
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** With {@link #waitWhenFull}, appends leave a parked writer asleep until this many records wait. */
    private static final int LAZY_WAKE_BACKLOG = 4_096;

    private final JournalStore store;
    private final PendingRing ring;
    private final int maxBatch;
    private final int encodeLaterLimit;
    private final int yieldLimit;
    private volatile boolean waitWhenFull;
    private final CanonicalOutput appendOutput = new CanonicalOutput(1024);
    private final LongSupplier wallClock;
    private final NanoClock timer;
    private final Thread thread;
    private final List<Consumer<Throwable>> failureListeners = new CopyOnWriteArrayList<>();
    private final Object durableMonitor = new Object();
    private volatile long durableSequence;
    private volatile JournalHead storedHead;
    private volatile Throwable failure;
    private volatile boolean failureReported;
    private volatile boolean closing;
    /** Set by the writer before it parks; cleared by whoever wakes it, so that a burst of appends unparks it once. */
    private final AtomicBoolean writerParked = new AtomicBoolean();
    private long nextSequence;
    // writer thread only
    private final ChainHasher hasher;
    private final CanonicalOutput encoded = new CanonicalOutput(1024);
    private final List<JournalRecord> batch;
    private final PendingRing.Handler take = this::take;

    /** A writer continuing {@code store}'s chain, with a queue of {@code capacity} records. */
    public JournalWriter(JournalStore store, int capacity, int maxBatch) {
        this(store, capacity, maxBatch, JournalWriter::wallNanos);
    }

    /** A writer with a queue of {@link #DEFAULT_CAPACITY} records and batches of at most 4,096. */
    public JournalWriter(JournalStore store) {
        this(store, DEFAULT_CAPACITY, 4_096);
    }

    /** With {@code wallClock} (epoch nanoseconds) stamping each record's wall time as it is appended. */
    JournalWriter(JournalStore store, int capacity, int maxBatch, LongSupplier wallClock) {
        this(store, capacity, maxBatch, wallClock, NanoClock.SYSTEM);
    }

    /**
     * As above, with {@code timer} measuring how long {@link #awaitDurable} has waited (tests pass a clock they
     * drive, so that a timeout needs no real waiting).
     */
    JournalWriter(JournalStore store, int capacity, int maxBatch, LongSupplier wallClock, NanoClock timer) {
        if (capacity < 1 || maxBatch < 1) throw new IllegalArgumentException("capacity and batch must be positive");
        this.store = store;
        this.ring = new PendingRing(capacity);
        this.maxBatch = maxBatch;
        this.encodeLaterLimit = Math.max(1, capacity / 8);
        this.yieldLimit = Math.max(1, capacity / 2);
        this.wallClock = wallClock;
        this.timer = timer;
        this.batch = new ArrayList<>(maxBatch);
        JournalRecord last = store.last().orElse(null);
        this.nextSequence = last == null ? 1 : last.sequence() + 1;
        this.hasher = new ChainHasher(last == null ? JournalRecord.GENESIS : last.hash());
        this.durableSequence = nextSequence - 1;
        this.storedHead = last == null ? JournalHead.EMPTY : JournalHead.of(last);
        this.thread = Thread.ofPlatform().name("ballast-journal-writer").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Registers a callback for the writer's failure (called once, on the writer or the appending thread). */
    public void onFailure(Consumer<Throwable> listener) {
        failureListeners.add(listener);
        Throwable f = failure;
        if (f != null) listener.accept(f);
    }

    /**
     * Journals a model event: type is its simple class name, payload its {@link RecordCodec} form. Returns its
     * sequence, or -1 as {@link #append(long, String, byte[])}. Throws {@link IllegalArgumentException} for an
     * event with no canonical form.
     */
    public long append(long engineTime, Record event) {
        if (failure != null || closing) return -1;
        RecordShape shape = RecordShape.of(event.getClass());
        if (shape.immutable() && ring.backlogBelow(encodeLaterLimit)) {
            return enqueue(engineTime, shape.name(), event, null);
        }
        appendOutput.reset();
        shape.write(appendOutput, event);
        return enqueue(engineTime, shape.name(), null, appendOutput.toByteArray());
    }

    /**
     * Queues a record without blocking. Returns its sequence, or -1 when the writer has failed or the queue is
     * full (which fails the writer: a record the journal could not take is a record lost).
     */
    public long append(long engineTime, String type, byte[] payload) {
        if (failure != null || closing) return -1;
        return enqueue(engineTime, type, null, payload);
    }

    /**
     * With {@code wait} true a full queue makes {@link #append} wait for the writer instead of failing the journal.
     * For backtests: simulated time has no deadline, so waiting costs nothing but speed, whereas a failed journal
     * halts the account and spoils the run. Real-time runs keep the default: an engine thread stuck behind a disk
     * that cannot keep up would take no decisions at all, so the journal fails and the account halts instead.
     * Backtests also leave a parked writer asleep until a few thousand records wait (or its 10 ms park ends):
     * nothing waits on a backtest's records, and waking the writer for every burst of appends costs a system call.
     */
    public void waitWhenFull(boolean wait) {
        this.waitWhenFull = wait;
    }

    private long enqueue(long engineTime, String type, Record event, byte[] payload) {
        long sequence = nextSequence;
        long wall = wallClock.getAsLong();
        boolean offered = ring.offer(sequence, engineTime, wall, type, event, payload);
        while (!offered && waitWhenFull && failure == null) {
            wakeWriter();
            LockSupport.parkNanos(20_000);
            offered = ring.offer(sequence, engineTime, wall, type, event, payload);
        }
        if (!offered) {
            if (failure != null) return -1;
            fail(new JournalException("journal queue full at record " + sequence + " (" + ring.size()
                    + " records waiting): writer too slow"));
            return -1;
        }
        nextSequence = sequence + 1;
        // A backtest waits for nobody's record: the writer, when parked, sleeps until a few thousand are waiting
        // (or its park times out) rather than being woken, a system call, for every burst of appends.
        if (waitWhenFull && ring.backlogBelow(LAZY_WAKE_BACKLOG)) return sequence;
        if (!wakeWriter() && !ring.backlogBelow(yieldLimit)) Thread.yield();
        return sequence;
    }

    /**
     * Unparks the writer if it is parked, once: the first caller to see it parked clears the flag and unparks it
     * (an unpark is a system call, too dear to repeat for every record of a burst). Returns whether it did.
     */
    private boolean wakeWriter() {
        if (writerParked.get() && writerParked.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    private static long wallNanos() {
        return EpochNanos.of(Instant.now());
    }

    /** The highest sequence stored (durable as far as the fsync policy promises). */
    public long durableSequence() {
        return durableSequence;
    }

    /** The last record stored, as a chain head to anchor the journal with (after {@link #close}: the journal's). */
    public JournalHead head() {
        return storedHead;
    }

    /** The writer's failure, or null; non-null only once every failure listener has been told. */
    public Throwable failure() {
        return failureReported ? failure : null;
    }

    /**
     * Waits until record {@code sequence} is stored. Returns normally once it is; throws
     * {@link TimeoutException} when the timeout passes first, and {@link JournalException} when the writer has
     * failed before storing it (the caller must not act on the record).
     */
    public void awaitDurable(long sequence, Duration timeout) throws TimeoutException, InterruptedException {
        if (sequence < 1) throw new IllegalArgumentException("no such record: " + sequence);
        long deadline = timer.nanoTime() + timeout.toNanos();
        wakeWriter();
        synchronized (durableMonitor) {
            while (durableSequence < sequence) {
                Throwable f = failure;
                if (f != null) throw new JournalException("journal failed before record " + sequence + " was stored", f);
                long left = deadline - timer.nanoTime();
                if (left <= 0) throw new TimeoutException("record " + sequence + " not stored within " + timeout);
                TimeUnit.NANOSECONDS.timedWait(durableMonitor, left);
            }
        }
    }

    private void run() {
        int idleRounds = 0;
        try {
            while (failure == null) {
                if (ring.drain(take, maxBatch) == 0) {
                    if (closing && ring.isEmpty()) break;
                    idleRounds = idle(idleRounds);
                    continue;
                }
                idleRounds = 0;
                store.append(batch);
                JournalRecord last = batch.getLast();
                long stored = last.sequence();
                storedHead = JournalHead.of(last);
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

    /** Encodes (when the engine thread did not) and chains one queued record into the batch. */
    private void take(PendingRing.Slot slot) {
        byte[] payload = slot.payload;
        if (payload == null) {
            encoded.reset();
            try {
                RecordCodec.encode(slot.event, encoded);
            } catch (RuntimeException e) {
                throw new JournalException("cannot journal " + slot.type + ": " + e.getMessage(), e);
            }
            payload = encoded.toByteArray();
        }
        batch.add(hasher.next(slot.sequence, slot.engineTime, slot.wallTime, slot.type, payload));
    }

    /**
     * Nothing to write: spin briefly (a backtest appends again within microseconds), then yield, then park until
     * an append, a durability wait or close wakes the writer, or the park times out and the store may fsync.
     */
    private int idle(int rounds) {
        if (rounds < SPIN_ROUNDS) {
            Thread.onSpinWait();
        } else if (rounds < SPIN_ROUNDS + YIELD_ROUNDS) {
            Thread.yield();
        } else {
            store.idle();
            writerParked.set(true);
            // Checked after announcing the park: an append either sees the announcement or is seen here.
            if (ring.isEmpty() && !closing) LockSupport.parkNanos(PARK_NANOS);
            writerParked.set(false);
            return rounds;
        }
        return rounds + 1;
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
        // Only now: whoever sees failure() has also seen what the listeners did (the engine's JournalFailed posted).
        failureReported = true;
    }

    /** Stores everything queued, then stops the writer thread. Does not close the store. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
