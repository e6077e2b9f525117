package dev.ballast.engine.risk;

import dev.ballast.model.Money;
import dev.ballast.model.StrategyId;
import dev.ballast.model.TradingState;
import dev.ballast.model.TradingStateReason;

/**
 * One scope's trading state and how much of its loss and exposure limits it uses, as the RiskManager last judged
 * them: what an operator's snapshot shows. A limit the scope does not have is null, and so is the figure that goes
 * with it. Immutable.
 *
 * @param strategyId         the strategy, or null for the account
 * @param reason             the reason code of a state other than ACTIVE, else null
 * @param dailyLoss          how far equity is below the start of the trading day (0 when above)
 * @param maxDailyLoss       the loss at which the scope halts for the day
 * @param drawdown           how far equity is below its high-water mark
 * @param reduceOnlyDrawdown the drawdown at which the scope goes reduce-only
 * @param haltDrawdown       the drawdown at which it halts
 * @param grossExposure      gross exposure of positions plus what open orders reserve (the account only)
 * @param maxGrossExposure   the account's gross exposure limit
 */
public record ScopeRisk(StrategyId strategyId, TradingState state, TradingStateReason reason, Money dailyLoss,
                        Money maxDailyLoss,
                        Money drawdown, Money reduceOnlyDrawdown, Money haltDrawdown, Money grossExposure,
                        Money maxGrossExposure) {
}
