package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/** The order is canceled: on request, or by the venue (an IOC remainder, for instance). */
public record OrderCanceled(ClientOrderId orderId, String reason, long timestamp) implements BrokerReport {
}
