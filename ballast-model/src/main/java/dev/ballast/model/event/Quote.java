package dev.ballast.model.event;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

/** The best bid and ask at {@code timestamp} (epoch nanoseconds). */
public record Quote(Symbol symbol, long timestamp, Price bid, Quantity bidSize, Price ask, Quantity askSize)
        implements MarketData {

    /** The mid price, rounded half-even to the fixed-point scale. */
    public Price mid() {
        return Price.ofRaw(FixedPoint.mulDiv(Math.addExact(bid.raw(), ask.raw()), 1, 2));
    }
}
