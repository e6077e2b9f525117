package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/** The broker acknowledged the order and it is working; {@code venueOrderId} is the broker's own id. */
public record OrderAccepted(ClientOrderId orderId, String venueOrderId, long timestamp) implements BrokerReport {
}
