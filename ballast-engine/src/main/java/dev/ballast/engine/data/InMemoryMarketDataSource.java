package dev.ballast.engine.data;

import dev.ballast.model.event.MarketData;
import java.util.List;

/**
 * Replays events held in memory, for tests and for benchmarks that must not measure parsing: a
 * {@link #next()} is an array read. The events must be in non-decreasing timestamp order, which is
 * checked once up front. Never skips anything. Not thread-safe.
 */
public final class InMemoryMarketDataSource implements MarketDataSource {
    private static final SkippedRows NONE = new SkippedRows();

    private final MarketData[] events;
    private int next;

    private InMemoryMarketDataSource(MarketData[] events) {
        for (int i = 1; i < events.length; i++) {
            if (events[i].timestamp() < events[i - 1].timestamp()) {
                throw new IllegalArgumentException("event " + i + " is earlier than event " + (i - 1) + ": " + events[i]);
            }
        }
        this.events = events;
    }

    /** Replays a copy of {@code events}. */
    public static InMemoryMarketDataSource of(List<? extends MarketData> events) {
        return new InMemoryMarketDataSource(events.toArray(new MarketData[0]));
    }

    /** Replays {@code events} without copying; the caller must not change the array while it is replayed. */
    public static InMemoryMarketDataSource wrap(MarketData... events) {
        return new InMemoryMarketDataSource(events);
    }

    @Override
    public MarketData next() {
        int i = next;
        if (i == events.length) return null;
        next = i + 1;
        return events[i];
    }

    /** Starts the replay again from the first event, so a benchmark can reuse one source. */
    public void rewind() {
        next = 0;
    }

    /** How many events the source replays in all. */
    public int size() {
        return events.length;
    }

    @Override
    public SkippedRows skippedRows() {
        return NONE;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
