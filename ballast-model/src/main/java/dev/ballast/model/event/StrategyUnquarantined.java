package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/** An operator brought back a strategy an operator had quarantined: it gets events again from the next one on. */
public record StrategyUnquarantined(StrategyId strategyId, String operator, String reason, long timestamp)
        implements EngineEvent {
}
