package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.StrategyId;

/**
 * The engine refused a strategy's cancel or modify request (not its own order, the order is no
 * longer working, a modify that would raise the quantity): the order itself is unchanged.
 */
public record RequestRefused(StrategyId strategyId, ClientOrderId orderId, String request, String reason,
                             long timestamp) implements EngineEvent {
}
