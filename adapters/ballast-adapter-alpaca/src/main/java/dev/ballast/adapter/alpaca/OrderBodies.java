package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.util.Locale;

/**
 * The JSON bodies of Alpaca's order requests, with every price and quantity written as exact decimal text
 * ("187.2345"), never through a {@code double}. Stateless.
 */
final class OrderBodies {
    private OrderBodies() {}

    /** {@code POST /v2/orders}: Ballast's client order id is Alpaca's {@code client_order_id}. */
    static ObjectNode newOrder(Order order) {
        OrderRequest request = order.request();
        ObjectNode body = AlpacaJson.object()
                .put("symbol", request.symbol().value())
                .put("qty", request.quantity().toString())
                .put("side", request.side().name().toLowerCase(Locale.ROOT))
                .put("type", request.type().name().toLowerCase(Locale.ROOT))
                .put("time_in_force", request.timeInForce().name().toLowerCase(Locale.ROOT))
                .put("client_order_id", order.id().value());
        if (request.limitPrice() != null) body.put("limit_price", request.limitPrice().toString());
        if (request.stopPrice() != null) body.put("stop_price", request.stopPrice().toString());
        return body;
    }

    /**
     * {@code PATCH /v2/orders/{id}}: only what changes. No {@code client_order_id}: Alpaca's must be unique, so the
     * replacement gets one of Alpaca's and is traced back through {@code replaces}.
     */
    static ObjectNode replace(Quantity quantity, Price limitPrice, Price stopPrice) {
        ObjectNode body = AlpacaJson.object();
        if (quantity != null) body.put("qty", quantity.toString());
        if (limitPrice != null) body.put("limit_price", limitPrice.toString());
        if (stopPrice != null) body.put("stop_price", stopPrice.toString());
        return body;
    }
}
