package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/** A modify request failed; the order keeps working on its previous terms. */
public record ReplaceRejected(ClientOrderId orderId, String reason, long timestamp) implements BrokerReport {
}
