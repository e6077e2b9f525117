package dev.ballast.adapter.alpaca;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * The venue's request budget: at most {@code permits} requests in any sliding {@code window} (Alpaca counts per
 * minute per account). {@link #acquire} blocks the calling worker thread, never the engine's, until a request may
 * go. Thread-safe.
 */
final class RateLimiter {
    private static final long MAX_SLICE_NANOS = Duration.ofMillis(100).toNanos();

    private final int permits;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Deque<Long> sent = new ArrayDeque<>();

    RateLimiter(int permits, Duration window) {
        this(permits, window, System::nanoTime);
    }

    RateLimiter(int permits, Duration window, LongSupplier nanoTime) {
        if (permits < 1) throw new IllegalArgumentException("permits must be at least 1");
        this.permits = permits;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    void acquire() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = nanoTime.getAsLong();
                while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) sent.pollFirst();
                if (sent.size() < permits) {
                    sent.addLast(now);
                    return;
                }
                wait = windowNanos - (now - sent.peekFirst());
            }
            // In slices, so that a waiting request sees the window move on a little late at worst.
            Thread.sleep(Duration.ofNanos(Math.clamp(wait, 1_000_000L, MAX_SLICE_NANOS)));
        }
    }
}
