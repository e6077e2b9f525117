package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.StrategyId;

/** A strategy asks to cancel one of its orders. */
public record CancelOrder(StrategyId strategyId, ClientOrderId orderId, long timestamp) implements StrategyRequest {
}
