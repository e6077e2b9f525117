package dev.ballast.bench;

import dev.ballast.model.Order;
import dev.ballast.model.Price;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The live-path benchmark's venue, on its own thread (standing in for the adapter's session or stream thread): for each
 * order it receives it first writes the adapter's own per-order durable line if asked (timed apart), then sends the
 * acceptance and, once the engine applied it, the full fill at the tick's price, each as wire text decoded and mapped by
 * the adapter. The fill's delivery is stamped just before the adapter parses it; the venue waits for its booking before
 * the next report, so one fill is timed at a time.
 */
final class BenchVenue implements Runnable {
    private static final long WAIT_SECONDS = 30;

    private final BlockingQueue<Order> orders;
    private final VenueWire wire;
    private final LivePathProbe probe;
    private final Price price;
    private final boolean adapterFileWrite;
    private final Semaphore accepted;
    private final Semaphore booked;
    private volatile String failure;
    private long sequence;

    BenchVenue(BlockingQueue<Order> orders, VenueWire wire, LivePathProbe probe, Price price, boolean adapterFileWrite,
               Semaphore accepted, Semaphore booked) {
        this.orders = orders;
        this.wire = wire;
        this.probe = probe;
        this.price = price;
        this.adapterFileWrite = adapterFileWrite;
        this.accepted = accepted;
        this.booked = booked;
    }

    /** Why the venue stopped answering, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) answer(orders.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = "the benchmark's venue failed: " + e;
        }
    }

    private void answer(Order order) throws InterruptedException {
        if (adapterFileWrite) {
            long started = System.nanoTime();
            wire.recordSubmitted(order);
            probe.adapterFileWrite(System.nanoTime() - started);
        }
        wire.deliver(wire.acceptedText(order, ++sequence));
        await(accepted, "the acceptance of " + order.id());
        String fill = wire.filledText(order, price, ++sequence);
        probe.fillSent(System.nanoTime());
        wire.deliver(fill);
        await(booked, "the booking of the fill of " + order.id());
    }

    private void await(Semaphore semaphore, String what) throws InterruptedException {
        if (!semaphore.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the engine did not apply " + what + " within " + WAIT_SECONDS + " s");
        }
    }
}
