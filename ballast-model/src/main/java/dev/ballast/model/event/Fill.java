package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

/**
 * An execution: {@code quantity} of {@code symbol} traded at {@code price}, with the commission the
 * broker charged. A fill is real money moved; the engine books every fill, even one for an order it
 * believes canceled or does not know.
 *
 * @param tradeId the broker's unique id of this execution, used to recognise a duplicate report
 */
public record Fill(ClientOrderId orderId, String tradeId, Symbol symbol, OrderSide side, Quantity quantity,
                   Price price, Money commission, long timestamp) implements BrokerReport {
}
