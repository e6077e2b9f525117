package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * An operator flattens the account ({@code strategyId} null) or one strategy: open orders are canceled
 * and every position is closed at market; the scope is halted so nothing reopens it.
 */
public record FlattenPositions(StrategyId strategyId, String operator, String reason, long timestamp)
        implements OperatorCommand {
    public FlattenPositions {
        OperatorCommand.requireOperator(operator);
    }
}
