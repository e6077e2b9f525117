package dev.ballast.runtime.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sending half of a live venue's write-ahead gate. The engine thread queues each venue call with the journal
 * record it must wait for and goes on at once; this thread takes everything queued, waits once for the last of those
 * records to be durable, then hands the calls to the adapter in the order they were queued (or, when the records
 * could not be made durable, answers each as not durable). Orders handled in a row (a strategy's burst, reaching the
 * engine one request at a time) are then one durability wait, one fsync of the journal writer's batch, instead of one
 * each; and the engine thread never waits on the disk.
 *
 * <p>Not for the paper venue: it lives in the engine's process and its reports are part of the run's re-executable
 * order, so its calls must reach it on the engine thread, in the engine's time.
 *
 * <p>Threading: {@link #queue} from the engine thread; the calls run on this sender's own thread; {@link #close}
 * from the thread that ends the run.
 */
final class GroupCommitSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupCommitSender.class.getName());

    /** A venue call waiting for journal record {@code sequence}; {@code notDurable} runs instead when it never is. */
    record Call(long sequence, Runnable send, Runnable notDurable) {
    }

    private final BlockingQueue<Call> queue = new LinkedBlockingQueue<>();
    private final LongPredicate durable;
    private final Duration closeTimeout;
    private final Thread thread;
    private final Object progress = new Object();
    private long queued; // engine thread
    private long done; // under progress
    private volatile boolean closed;

    /**
     * @param durable      waits until the journal holds the record with this sequence durably; false when it does not
     *                     (and the journal is then failed)
     * @param closeTimeout how long {@link #close} waits for what is queued to go
     */
    GroupCommitSender(LongPredicate durable, Duration closeTimeout, String threadName) {
        this.durable = durable;
        this.closeTimeout = closeTimeout;
        this.thread = Thread.ofPlatform().name(threadName).daemon().start(this::run);
    }

    void queue(Call call) {
        if (closed) {
            call.notDurable().run();
            return;
        }
        queued++;
        queue.add(call);
    }

    private void run() {
        List<Call> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Call first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
            } catch (InterruptedException e) {
                if (queue.isEmpty()) break;
            }
            queue.drainTo(batch);
            long last = 0;
            for (Call call : batch) last = Math.max(last, call.sequence());
            boolean ok = durable.test(last);
            for (Call call : batch) {
                try {
                    (ok ? call.send() : call.notDurable()).run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "a venue call failed in the write-ahead gate", e);
                }
            }
            synchronized (progress) {
                done += batch.size();
                progress.notifyAll();
            }
            batch.clear();
        }
    }

    /** Waits (at most the close timeout) until everything queued so far has gone, or been answered as not durable. */
    void awaitSent() {
        long target = queued;
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        synchronized (progress) {
            while (done < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warning(() -> (target - done) + " venue call(s) still waited for the journal after " + closeTimeout);
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Lets what is queued go (waiting at most the close timeout), then stops the thread. */
    @Override
    public void close() {
        awaitSent();
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
