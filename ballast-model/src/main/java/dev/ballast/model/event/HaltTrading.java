package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/** An operator halts the account ({@code strategyId} null) or one strategy: open orders are canceled, new ones denied. */
public record HaltTrading(StrategyId strategyId, String reason, long timestamp) implements OperatorCommand {
}
