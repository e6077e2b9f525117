package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * An operator puts the account ({@code strategyId} null) or one strategy in REDUCE_ONLY: only orders that reduce
 * exposure pass. Latched until a {@link ResumeTrading}.
 */
public record ReduceOnly(StrategyId strategyId, String operator, String reason, long timestamp)
        implements OperatorCommand {
    public ReduceOnly {
        OperatorCommand.requireOperator(operator);
    }
}
