package dev.ballast.model.event;

import dev.ballast.model.StrategyId;
import dev.ballast.model.TradingState;
import dev.ballast.model.TradingStateReason;

/**
 * The trading state of the account ({@code strategyId} null) or of one strategy changed, with the
 * reason code and the figures that decided it.
 */
public record TradingStateChanged(StrategyId strategyId, TradingState from, TradingState to, TradingStateReason reasonCode,
                                  String detail, long timestamp) implements EngineEvent {
    public boolean isAccount() {
        return strategyId == null;
    }
}
