package dev.ballast.adapter.fix;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderType;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;

/**
 * An order's terms as the venue last confirmed them, and the ClOrdID it now works under (a replace changes it).
 * Cancels and replaces repeat the terms and name that ClOrdID as OrigClOrdID. Immutable.
 */
record WorkingTerms(ClientOrderId orderId, Symbol symbol, OrderSide side, OrderType type, TimeInForce timeInForce,
                    Quantity quantity, Price limitPrice, Price stopPrice, String liveClOrdId) {

    static WorkingTerms of(Order order) {
        return new WorkingTerms(order.id(), order.symbol(), order.side(), order.request().type(),
                order.request().timeInForce(), order.quantity(), order.request().limitPrice(),
                order.request().stopPrice(), order.id().value());
    }

    WorkingTerms replaced(String clOrdId, Quantity newQuantity, Price newLimit, Price newStop) {
        return new WorkingTerms(orderId, symbol, side, type, timeInForce, newQuantity, newLimit, newStop, clOrdId);
    }
}
