package dev.ballast.engine.data;

import dev.ballast.model.event.MarketData;

/**
 * A stream of market data in non-decreasing timestamp order, read one event at a time so that files
 * of any size use constant memory. Bad input either stops the stream with a {@link MarketDataException}
 * naming file, line and reason, or, when the caller asked for it, is skipped and counted in
 * {@link #skippedRows()}. Not thread-safe: one reader at a time.
 */
public interface MarketDataSource extends AutoCloseable {

    /** The next event, or {@code null} at the end of the data. */
    MarketData next();

    /** Rows skipped so far under the skip policy, with why; empty when nothing was skipped. */
    SkippedRows skippedRows();

    @Override
    void close();
}
