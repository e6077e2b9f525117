package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * An operator halts the account ({@code strategyId} null) or one strategy: every open order of the scope is asked to
 * cancel (even when it was halted already), new ones are denied.
 */
public record HaltTrading(StrategyId strategyId, String operator, String reason, long timestamp)
        implements OperatorCommand {
    public HaltTrading {
        OperatorCommand.requireOperator(operator);
    }
}
