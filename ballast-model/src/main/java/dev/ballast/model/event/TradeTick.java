package dev.ballast.model.event;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

/** One trade printed on the market: its price and size, at {@code timestamp} (epoch nanoseconds). */
public record TradeTick(Symbol symbol, long timestamp, Price price, Quantity size) implements MarketData {
}
