package dev.ballast.engine.monitor;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

/**
 * Execution quality of one order: what the strategy saw when it asked (arrival price), what it got
 * (average fill price), signed slippage in basis points (positive = worse than arrival), and how long
 * the broker took to acknowledge and to fill. Times are engine nanoseconds; -1 when it never happened.
 * Immutable.
 */
public record OrderExecution(ClientOrderId orderId, StrategyId strategyId, Symbol symbol, OrderSide side,
                             Quantity quantity, OrderStatus status, Price arrivalPrice, Quantity filledQuantity,
                             Price averageFillPrice, double slippageBps, Money commission, long submittedAt,
                             long acknowledgedAt, long firstFillAt, long completedAt) {

    /** Nanoseconds from submission to acknowledgement, or -1. */
    public long timeToAcknowledge() {
        return submittedAt < 0 || acknowledgedAt < 0 ? -1 : acknowledgedAt - submittedAt;
    }

    /** Nanoseconds from submission to the last fill of a fully filled order, or -1. */
    public long timeToFill() {
        return submittedAt < 0 || completedAt < 0 || status != OrderStatus.FILLED ? -1 : completedAt - submittedAt;
    }
}
