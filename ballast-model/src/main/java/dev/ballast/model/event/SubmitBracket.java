package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;

/**
 * A strategy asks for an entry order with two exits: a take-profit limit and a stop-loss stop, sent
 * once the entry fills and canceling each other (one-cancels-other).
 */
public record SubmitBracket(StrategyId strategyId, ClientOrderId entryId, OrderRequest entry,
                            ClientOrderId takeProfitId, Price takeProfitPrice,
                            ClientOrderId stopLossId, Price stopLossPrice,
                            Price arrivalPrice, long timestamp) implements StrategyRequest {
}
