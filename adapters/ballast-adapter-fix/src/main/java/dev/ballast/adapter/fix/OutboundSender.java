package dev.ballast.adapter.fix;

import quickfix.Message;
import quickfix.Session;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that sends the adapter's application messages, so the engine thread never waits on the session: it
 * queues and returns. Messages leave at most {@code maxPerSecond} a second, evenly spaced. A message that cannot go
 * out (the session is not logged on) is not held back for later: its {@code notSent} callback says why, and the
 * adapter reports the request refused, because a stale order sent after a reconnect is a risk nobody asked for.
 *
 * <p>Threading: {@link #send} from any thread; everything else runs on the sender thread.
 */
final class OutboundSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboundSender.class.getName());

    /** A message to send: built on the sender thread, and what to do if it cannot leave. */
    record Outbound(String what, Supplier<Message> message, Consumer<String> notSent) {
    }

    private final BlockingQueue<Outbound> queue = new LinkedBlockingQueue<>();
    private final Supplier<Session> session;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean closed;
    private long nextSlot;

    OutboundSender(Supplier<Session> session, int maxPerSecond, String threadName) {
        this.session = session;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / maxPerSecond;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    void send(Outbound outbound) {
        if (closed) {
            outbound.notSent().accept("the FIX adapter is closed");
            return;
        }
        queue.add(outbound);
    }

    private void run() {
        while (!closed) {
            Outbound next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            sendNow(next);
        }
        for (Outbound left; (left = queue.poll()) != null; ) left.notSent().accept("the FIX adapter is closed");
    }

    /**
     * Waits for the next free slot of the rate limit; the following slot is counted from the moment this one is
     * used, so a slow send never lets two messages out closer together than the interval.
     */
    private void pace() {
        long now = System.nanoTime();
        while (now < nextSlot && !closed) {
            LockSupport.parkNanos(nextSlot - now);
            now = System.nanoTime();
        }
        nextSlot = now + intervalNanos;
    }

    private void sendNow(Outbound outbound) {
        try {
            pace();
            Session current = session.get();
            if (current == null || !current.isLoggedOn()) {
                outbound.notSent().accept("not sent: the FIX session is not logged on");
                return;
            }
            // Built only now, just before it goes: what building records (the adapter's list of sent orders) is then
            // at most one message ahead of the session, never a queue's length.
            Message message = outbound.message().get();
            // False: the session went down this instant and keeps the message to resend after the reconnect.
            if (!current.send(message)) {
                LOG.warning(() -> outbound.what() + ": the session went down as it was sent; it is resent (PossDup) "
                        + "after the reconnect");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, outbound.what() + " could not be sent", e);
            outbound.notSent().accept("not sent: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
