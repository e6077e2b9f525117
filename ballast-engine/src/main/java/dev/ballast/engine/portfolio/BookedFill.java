package dev.ballast.engine.portfolio;

import dev.ballast.model.StrategyId;
import dev.ballast.model.event.Fill;

/**
 * A fill as the portfolio booked it: the fill (its order, symbol, side, quantity, price and commission; after a
 * correction, the corrected figures), the strategy it was booked for, and its place in booking order. What reversing
 * it needs.
 */
public record BookedFill(long sequence, Fill fill, StrategyId owner) {
}
