package dev.ballast.engine.portfolio;

import dev.ballast.model.Money;
import dev.ballast.model.StrategyId;

/** One strategy's P&L at a moment: realized, unrealized, fees, net (realized + unrealized - fees) and gross exposure. */
public record StrategyPnl(StrategyId strategyId, Money realized, Money unrealized, Money fees, Money net,
                          Money grossExposure) {
}
