package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

/**
 * The venue changed a working order's terms on its own, not asked by Ballast (FIX ExecType D, Restated: a corporate
 * action, a venue reducing what is left): the order now works with these quantity and prices ({@code null}:
 * unchanged). {@code reason} is the venue's, for the audit trail.
 */
public record OrderRestated(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice, String reason,
                            long timestamp) implements BrokerReport {
}
