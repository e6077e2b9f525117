package dev.ballast.cli;

import dev.ballast.runtime.RunHandle;
import dev.ballast.runtime.RunSnapshot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The line a live run keeps up to date on the terminal while it trades: the venue's connection, positions, P&L, open
 * orders and events handled, from a snapshot each second. Only on a terminal and without {@code -q}.
 *
 * <p>Threading: its own daemon thread reads snapshots through the {@link RunHandle}; {@link #close} from any thread.
 */
final class LiveStatusLine implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final Thread thread;
    private volatile boolean running = true;

    private LiveStatusLine(RunHandle handle, PrintStream err) {
        this.thread = Thread.ofPlatform().daemon().name("ballast-status-line").start(() -> {
            while (running) {
                RunSnapshot snapshot = handle.snapshot(PERIOD);
                if (snapshot != null && running) err.print("\r" + line(snapshot) + "   ");
                try {
                    Thread.sleep(PERIOD);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static LiveStatusLine start(RunHandle handle, PrintStream err) {
        return new LiveStatusLine(handle, err);
    }

    /** One status line: venue and connection, open positions, P&L (realized + unrealized), open orders, events. */
    static String line(RunSnapshot snapshot) {
        long open = snapshot.positions().values().stream().filter(p -> !p.quantity().isZero()).count();
        RunSnapshot.Account account = snapshot.account();
        return String.format(Locale.ROOT, "  %s %s | %d position%s | P&L %s | %d open order%s | %,d events",
                snapshot.venue().type(), snapshot.venue().connected() ? "connected" : "DISCONNECTED", open,
                open == 1 ? "" : "s", account.realizedPnl().plus(account.unrealizedPnl()).toCents(),
                snapshot.openOrders().size(), snapshot.openOrders().size() == 1 ? "" : "s", snapshot.eventsProcessed());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
