package dev.ballast.model.event;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

/**
 * An OHLCV bar, complete at {@code timestamp} (epoch nanoseconds). A bar is only delivered once it is
 * complete, so an order sent in reaction to it can fill no earlier than the next bar.
 */
public record Bar(Symbol symbol, long timestamp, Price open, Price high, Price low, Price close, Quantity volume)
        implements MarketData {
}
