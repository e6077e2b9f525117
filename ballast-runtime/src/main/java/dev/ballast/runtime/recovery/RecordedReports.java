package dev.ballast.runtime.recovery;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.Event;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeoutException;

/**
 * The inbound half of the write-ahead gate, for a live venue: its reports go on to the engine, which journals each as
 * it handles it; {@link #whenRecorded} tells the adapter once everything it handed over is durable in the journal, so
 * that it counts a venue message received only then (a FIX session then asks the venue to send again whatever a crash
 * caught between receipt and journal). A report the journal could not make durable is never counted received.
 *
 * <p>Threading: {@link #report} and {@link #whenRecorded} on the adapter's threads, {@link #journaled} on the engine
 * thread, the receipts on a daemon thread of their own, in the order they were asked for.
 */
final class RecordedReports implements BrokerReportSink {
    private record Waiter(long reports, Runnable recorded) {
    }

    private final BrokerReportSink engine;
    private final RunJournal journal;
    private final Duration timeout;
    private final Object lock = new Object();
    // Under lock: the reports handed over and not yet journaled (in order), how many were handed over and journaled,
    // the record number of each journaled report not yet acknowledged, and the receipts asked for.
    private final Deque<BrokerReport> unjournaled = new ArrayDeque<>();
    private final Deque<long[]> journaledSequences = new ArrayDeque<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private long handed;
    private long journaledCount;
    private Thread receipts;

    RecordedReports(BrokerReportSink engine, RunJournal journal, Duration timeout) {
        this.engine = engine;
        this.journal = journal;
        this.timeout = timeout;
    }

    @Override
    public void report(BrokerReport report) {
        synchronized (lock) {
            unjournaled.addLast(report);
            handed++;
        }
        engine.report(report);
    }

    @Override
    public void connectionChanged(BrokerConnectionChanged change) {
        engine.connectionChanged(change);
    }

    @Override
    public void whenRecorded(Runnable recorded) {
        synchronized (lock) {
            if (handed == 0) {
                recorded.run();
                return;
            }
            waiters.addLast(new Waiter(handed, recorded));
            if (receipts == null) receipts = Thread.ofPlatform().daemon().name("ballast-venue-receipts").start(this::receipts);
            lock.notifyAll();
        }
    }

    /** Engine thread: the journal holds {@code input} as record {@code sequence}. */
    void journaled(Event input, long sequence) {
        if (!(input instanceof BrokerReport)) return;
        synchronized (lock) {
            if (unjournaled.peekFirst() != input) return; // a report of the engine's own (a refusal of the gate)
            unjournaled.pollFirst();
            journaledCount++;
            journaledSequences.addLast(new long[] {journaledCount, sequence});
            lock.notifyAll();
        }
    }

    private void receipts() {
        try {
            while (true) {
                Waiter waiter;
                long sequence = -1;
                synchronized (lock) {
                    while (waiters.isEmpty() || journaledCount < waiters.peekFirst().reports()) lock.wait();
                    waiter = waiters.pollFirst();
                    while (!journaledSequences.isEmpty() && journaledSequences.peekFirst()[0] <= waiter.reports()) {
                        sequence = journaledSequences.pollFirst()[1];
                    }
                }
                if (sequence > 0) journal.awaitDurable(sequence, timeout);
                waiter.recorded().run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | JournalException e) {
            // Not durable: nothing more is counted received; a restart has the venue send it again.
        }
    }
}
