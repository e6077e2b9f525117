package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/** A cancel request failed (the order had already filled, for instance); the order keeps working. */
public record CancelRejected(ClientOrderId orderId, String reason, long timestamp) implements BrokerReport {
}
