package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/** The order's time in force ran out (a DAY order at the end of the day). */
public record OrderExpired(ClientOrderId orderId, long timestamp) implements BrokerReport {
}
