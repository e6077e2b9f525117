package dev.ballast.model.event;

import dev.ballast.model.Order;

/**
 * The RiskManager denied an order before any broker saw it.
 *
 * @param reasonCode the rule's code (for example {@code MAX_ORDER_NOTIONAL})
 * @param detail     the figures that decided it: limit, value, order
 */
public record OrderDenied(Order order, String reasonCode, String detail, long timestamp) implements EngineEvent {
}
