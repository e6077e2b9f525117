package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/**
 * Something happened that should not have: a fill for an unknown or closed order, an illegal state
 * transition refused, a duplicate id. The engine handled it safely; a person should look.
 */
public record AnomalyFlagged(Anomaly kind, ClientOrderId orderId, String detail, long timestamp) implements EngineEvent {
}
