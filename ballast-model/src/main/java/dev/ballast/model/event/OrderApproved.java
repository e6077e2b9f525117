package dev.ballast.model.event;

import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.Price;

/**
 * The RiskManager let an order through, with the figures it was judged on: the price it was valued
 * at, its notional, the exposure it adds, and the account's equity and buying power at that moment.
 */
public record OrderApproved(Order order, Price referencePrice, Money notional, Money exposureAdded, Money equity,
                            Money buyingPower, long timestamp) implements EngineEvent {
}
