package dev.ballast.model.event;

import dev.ballast.model.Order;
import dev.ballast.model.RiskReason;

/**
 * The RiskManager denied an order before any broker saw it.
 *
 * @param reasonCode the rule's code (for example {@code MAX_ORDER_NOTIONAL})
 * @param detail     the figures that decided it: limit, value, order
 */
public record OrderDenied(Order order, RiskReason reasonCode, String detail, long timestamp) implements EngineEvent {
}
