package dev.ballast.engine.broker;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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

    /**
     * The client order ids the broker has received that {@code held} does not hold, in id order: after a restart,
     * orders the broker has that the journal lost (a journal cut or damaged), which the engine would otherwise send
     * again under the same ids and never account for.
     */
    public List<ClientOrderId> knownOrdersMissingFrom(Predicate<ClientOrderId> held) {
        return knownOrders.stream().filter(held.negate()).sorted(Comparator.comparing(ClientOrderId::value)).toList();
    }
}
