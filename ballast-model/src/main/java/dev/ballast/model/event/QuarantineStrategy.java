package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/** An operator takes a strategy out of the run: its orders are canceled and it gets no more events. */
public record QuarantineStrategy(StrategyId strategyId, String operator, String reason, long timestamp)
        implements OperatorCommand {
    public QuarantineStrategy {
        OperatorCommand.requireOperator(operator);
    }
}
