package dev.ballast.engine.risk;

import dev.ballast.model.Money;
import dev.ballast.model.Quantity;

import java.time.Duration;

/**
 * Limits on single orders and order traffic for one scope; {@code null} is not checked. Immutable.
 *
 * @param maxQuantity        largest quantity of one order
 * @param maxNotional        largest notional of one order
 * @param priceCollar        a limit or stop price further than this from the last price is denied (0.05 = 5%)
 * @param maxOpenOrders      most orders open at once in the scope, counting this one
 * @param duplicateWindow    an order with the same strategy, symbol, side, quantity and prices as one
 *                           approved within this window is denied as a duplicate
 * @param maxOrdersPerSecond most orders approved per second of engine time in the scope
 */
public record OrderLimits(Quantity maxQuantity, Money maxNotional, Ratio priceCollar, Integer maxOpenOrders,
                          Duration duplicateWindow, Integer maxOrdersPerSecond) {
    public static final OrderLimits NONE = new OrderLimits(null, null, null, null, null, null);
}
