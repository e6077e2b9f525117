package dev.ballast.engine.broker.paper;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

/**
 * A cancel or modify in flight to the paper venue, taking effect at {@code effectiveAt}. Immutable.
 *
 * @param cancel true for a cancel; false for a modify with the given terms ({@code null}: unchanged)
 */
record PendingRequest(boolean cancel, ClientOrderId orderId, long effectiveAt, Quantity quantity, Price limitPrice,
                      Price stopPrice) {
}
