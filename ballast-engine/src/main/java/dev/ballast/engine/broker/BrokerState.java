package dev.ballast.engine.broker;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

import java.util.Map;
import java.util.Set;

/**
 * What a broker says it holds for the account, for reconciliation after a restart.
 *
 * @param openOrders   the orders still working there, with the quantity still open
 * @param positions    the account's net position per symbol (flat symbols may be left out)
 * @param knownOrders  every client order id the broker has ever received, so that nothing is sent twice
 */
public record BrokerState(Map<ClientOrderId, Quantity> openOrders, Map<Symbol, Quantity> positions,
                          Set<ClientOrderId> knownOrders) {
    public BrokerState {
        openOrders = Map.copyOf(openOrders);
        positions = Map.copyOf(positions);
        knownOrders = Set.copyOf(knownOrders);
    }
}
