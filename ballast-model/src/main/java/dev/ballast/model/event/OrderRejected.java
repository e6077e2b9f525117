package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/** The broker refused the order; it never worked. */
public record OrderRejected(ClientOrderId orderId, String reason, long timestamp) implements BrokerReport {
}
