package dev.ballast.engine.portfolio;

import dev.ballast.model.Money;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.Map;

/**
 * An immutable copy of the portfolio at {@code timestamp}, published by the engine thread for
 * strategy threads, monitors and reports. Safe to share between threads.
 */
public record PortfolioSnapshot(long timestamp, Money cash, Money equity, Money fees, Money grossExposure,
                                Money netExposure, Map<Symbol, Position> accountPositions,
                                Map<StrategyId, Map<Symbol, Position>> strategyPositions, Map<Symbol, Price> lastPrices) {
}
