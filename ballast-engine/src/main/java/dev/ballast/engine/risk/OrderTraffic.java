package dev.ballast.engine.risk;

import dev.ballast.model.Order;

/**
 * The recent approved orders, for duplicate detection and rate throttling per strategy and for the
 * account. Owned by the engine thread; not thread-safe.
 */
public final class OrderTraffic {

    /** Records an order the RiskManager approved at engine time {@code now}. */
    public void approved(Order order, long now) {
        // Filled in with the full rule set (OrderTrafficTest).
    }

    /** Whether an order with the same strategy, symbol, side, quantity and prices was approved within {@code windowNanos}. */
    public boolean hasDuplicate(Order order, long windowNanos, long now) {
        return false;
    }

    /** How many orders of the scope were approved in the last {@code windowNanos} up to {@code now}. */
    public int approvedWithin(RiskScope scope, long windowNanos, long now) {
        return 0;
    }
}
