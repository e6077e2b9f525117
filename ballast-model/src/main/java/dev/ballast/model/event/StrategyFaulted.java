package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * A strategy's host observed a fault: a callback threw, overran its time budget, flooded requests or
 * let its inbox overflow. The engine quarantines the strategy.
 */
public record StrategyFaulted(StrategyId strategyId, QuarantineReason reason, String detail, long timestamp)
        implements StrategyRequest {
}
