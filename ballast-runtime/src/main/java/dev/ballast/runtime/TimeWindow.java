package dev.ballast.runtime;

import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.engine.data.SkippedRows;
import dev.ballast.model.event.MarketData;

/**
 * A half-open span of data time, {@code [from, to)} in epoch nanoseconds: a run given a window sees only
 * the market data inside it. The data is in non-decreasing time order, so the stream ends at the first
 * event at or after {@code to}.
 */
public record TimeWindow(long from, long to) {
    /** Every event. */
    public static final TimeWindow ALL = new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE);

    public TimeWindow {
        if (to < from) throw new IllegalArgumentException("window ends before it starts: " + from + " > " + to);
    }

    public static TimeWindow before(long to) {
        return new TimeWindow(Long.MIN_VALUE, to);
    }

    public static TimeWindow from(long from) {
        return new TimeWindow(from, Long.MAX_VALUE);
    }

    public boolean contains(long time) {
        return time >= from && time < to;
    }

    /** {@code source} seen through this window. */
    public MarketDataSource apply(MarketDataSource source) {
        if (this.equals(ALL)) return source;
        return new MarketDataSource() {
            private boolean ended;

            @Override
            public MarketData next() {
                while (!ended) {
                    MarketData event = source.next();
                    if (event == null || event.timestamp() >= to) {
                        ended = true;
                        return null;
                    }
                    if (event.timestamp() >= from) return event;
                }
                return null;
            }

            @Override
            public SkippedRows skippedRows() {
                return source.skippedRows();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
