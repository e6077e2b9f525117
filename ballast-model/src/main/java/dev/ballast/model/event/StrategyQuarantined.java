package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/** A strategy was quarantined: it gets no more events and its open orders were asked to cancel. */
public record StrategyQuarantined(StrategyId strategyId, QuarantineReason reason, String detail,
                                  int ordersCanceled, long timestamp) implements EngineEvent {
}
