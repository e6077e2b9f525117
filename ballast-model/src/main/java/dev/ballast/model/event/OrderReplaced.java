package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

/** A modify took effect: the order now works with these quantity and prices ({@code null}: unused). */
public record OrderReplaced(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice,
                            long timestamp) implements BrokerReport {
}
