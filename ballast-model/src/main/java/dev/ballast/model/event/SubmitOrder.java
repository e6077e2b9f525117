package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;

/**
 * A strategy asks for a new order under the id its context assigned.
 *
 * @param arrivalPrice the last price the strategy saw for the symbol when it asked ({@code null} if none),
 *                     the benchmark for slippage
 */
public record SubmitOrder(StrategyId strategyId, ClientOrderId orderId, OrderRequest request, Price arrivalPrice,
                          long timestamp) implements StrategyRequest {
}
