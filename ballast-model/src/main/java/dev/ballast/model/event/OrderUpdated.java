package dev.ballast.model.event;

import dev.ballast.model.Order;
import dev.ballast.model.OrderStatus;

/** An order changed: {@code order} is its new value, {@code previous} its status before. */
public record OrderUpdated(Order order, OrderStatus previous, long timestamp) implements EngineEvent {
}
