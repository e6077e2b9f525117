package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;

/** A strategy asks to change the quantity or prices of a working order ({@code null}: keep as is). */
public record ModifyOrder(StrategyId strategyId, ClientOrderId orderId, Quantity quantity, Price limitPrice,
                          Price stopPrice, long timestamp) implements StrategyRequest {
}
