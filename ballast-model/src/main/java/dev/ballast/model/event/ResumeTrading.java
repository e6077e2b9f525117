package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * An operator resets a halt or reduce-only state of the account ({@code strategyId} null) or of one strategy.
 */
public record ResumeTrading(StrategyId strategyId, String operator, String reason, long timestamp)
        implements OperatorCommand {
    public ResumeTrading {
        OperatorCommand.requireOperator(operator);
    }
}
