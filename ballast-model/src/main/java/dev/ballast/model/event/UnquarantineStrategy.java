package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * An operator brings back a strategy that an operator quarantined: it gets events again from the next one on. A
 * strategy quarantined for a fault (it threw, overran its time budget, flooded or fell behind) stays out: what its
 * code would do next is unknown.
 */
public record UnquarantineStrategy(StrategyId strategyId, String operator, String reason, long timestamp)
        implements OperatorCommand {
    public UnquarantineStrategy {
        OperatorCommand.requireOperator(operator);
    }
}
