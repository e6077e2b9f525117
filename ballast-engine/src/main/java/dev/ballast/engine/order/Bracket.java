package dev.ballast.engine.order;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;

/**
 * A bracket: an entry order and the two exits (take-profit limit, stop-loss stop) that the engine
 * sends once the entry has filled, sized to what filled, each canceling the other. Immutable.
 */
public record Bracket(StrategyId strategyId, ClientOrderId entryId, ClientOrderId takeProfitId, Price takeProfitPrice,
                      ClientOrderId stopLossId, Price stopLossPrice) {

    /** The other exit of the pair, or {@code null} if {@code exitId} is not one of this bracket's exits. */
    public ClientOrderId siblingOf(ClientOrderId exitId) {
        if (exitId.equals(takeProfitId)) return stopLossId;
        if (exitId.equals(stopLossId)) return takeProfitId;
        return null;
    }
}
