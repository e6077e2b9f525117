package dev.ballast.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.HdrHistogram.Histogram;

/**
 * The live-path benchmark's timestamps and histograms. The feed thread stamps a tick's post, the strategy thread the
 * start of the strategy's callback for it ({@link #strategyCalled}); the engine thread the write-ahead gate's entry
 * ({@link #gateEntered}); the gate's sender thread (a live venue's calls leave from there, in order) the order's
 * arrival at the adapter once its journal record is durable ({@link #durable}) and its message encoded
 * ({@link #orderOut}); the venue thread stamps a fill report's delivery ({@link #fillSent}) and the engine thread its
 * booking ({@link #fillBooked}). Each histogram is written by one thread and read after the run (the threads are
 * joined); only what happens while {@link #recording} counts.
 */
final class LivePathProbe {
    final Histogram tickToOrder = LatencyFigures.histogram();
    final Histogram tickToOrderWithoutWait = LatencyFigures.histogram();
    final Histogram tickToStrategy = LatencyFigures.histogram();
    final Histogram strategyToGate = LatencyFigures.histogram();
    final Histogram encode = LatencyFigures.histogram();
    final Histogram writeAheadWait = LatencyFigures.histogram();
    final Histogram burstWriteAhead = LatencyFigures.histogram();
    final Histogram fsyncsPerBurst = new Histogram(1_000_000, 3);
    final Histogram fillToBooked = LatencyFigures.histogram();
    final Histogram adapterFileWrite = LatencyFigures.histogram();

    private final int burst;
    private final CountingJournalStore store;
    volatile boolean recording;
    volatile long tickPostedAt;
    private volatile long fillSentAt;
    private volatile long strategyCalledAt;
    /** When each order entered the gate (engine thread), taken in the same order as the orders leave (sender thread). */
    private final Queue<Long> gateTimes = new ConcurrentLinkedQueue<>();
    /** Engine thread only. */
    private long ordersIn;
    private volatile long burstGateAt;
    private volatile long burstAppendsAt;
    /** Sender thread only. */
    private long durableAt;
    private long waitedThisOrder;
    private long ordersOut;
    private long encodedChars;

    LivePathProbe(int burst, CountingJournalStore store) {
        this.burst = burst;
        this.store = store;
    }

    /** Strategy thread: the strategy's callback for the tick starts. */
    void strategyCalled(long now) {
        strategyCalledAt = now;
        if (recording) LatencyFigures.record(tickToStrategy, now - tickPostedAt);
    }

    /** Engine thread: the order reaches the write-ahead gate (its journal record is queued). */
    void gateEntered(long now) {
        if (ordersIn++ % burst == 0) {
            if (recording) LatencyFigures.record(strategyToGate, now - strategyCalledAt);
            burstAppendsAt = store.appends();
            burstGateAt = now;
        }
        gateTimes.add(now);
    }

    /** Sender thread: the gate let the order through (its journal record is durable). */
    void durable(long now) {
        durableAt = now;
        Long gateAt = gateTimes.poll();
        long wait = gateAt == null ? 0 : now - gateAt;
        waitedThisOrder = wait;
        if (!recording) return;
        LatencyFigures.record(writeAheadWait, wait);
        if (ordersOut % burst == burst - 1) {
            LatencyFigures.record(burstWriteAhead, now - burstGateAt);
            fsyncsPerBurst.recordValue(store.appends() - burstAppendsAt);
        }
    }

    /** Sender thread: the order's message is encoded, ready for the transport. */
    void orderOut(long now, String message) {
        encodedChars += message.length();
        ordersOut++;
        if (!recording) return;
        LatencyFigures.record(encode, now - durableAt);
        long sincePost = now - tickPostedAt;
        LatencyFigures.record(tickToOrder, sincePost);
        LatencyFigures.record(tickToOrderWithoutWait, sincePost - waitedThisOrder);
    }

    /** Venue thread: the adapter's own durable write for an order took {@code nanos}. */
    void adapterFileWrite(long nanos) {
        if (recording) LatencyFigures.record(adapterFileWrite, nanos);
    }

    /** Venue thread: a fill report is about to be delivered. */
    void fillSent(long now) {
        fillSentAt = now;
    }

    /** Engine thread: the fill is booked ({@code FillBooked} published). */
    void fillBooked(long now) {
        if (recording) LatencyFigures.record(fillToBooked, now - fillSentAt);
    }

    long ordersOut() {
        return ordersOut;
    }

    long encodedChars() {
        return encodedChars;
    }
}
