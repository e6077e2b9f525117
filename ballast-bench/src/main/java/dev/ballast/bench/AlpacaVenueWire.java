package dev.ballast.bench;

import dev.ballast.adapter.alpaca.AlpacaWire;
import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.Order;
import dev.ballast.model.Price;

import java.time.Instant;
import java.util.Locale;

/** The Alpaca adapter's wire: the order request body out, {@code trade_updates} stream messages in. */
final class AlpacaVenueWire implements VenueWire {
    private final AlpacaWire wire;

    AlpacaVenueWire(Clock clock, BrokerReportSink sink) {
        this.wire = new AlpacaWire(clock, sink);
    }

    @Override
    public String encode(Order order) {
        return wire.orderBody(order);
    }

    @Override
    public String acceptedText(Order order, long sequence) {
        return "{\"stream\":\"trade_updates\",\"data\":{\"event\":\"new\",\"timestamp\":\"" + Instant.now() + "\",\"order\":"
                + orderJson(order) + "}}";
    }

    @Override
    public String filledText(Order order, Price price, long sequence) {
        return "{\"stream\":\"trade_updates\",\"data\":{\"event\":\"fill\",\"execution_id\":\"x" + sequence
                + "\",\"price\":\"" + price + "\",\"qty\":\"" + order.quantity() + "\",\"position_qty\":\"0\",\"timestamp\":\""
                + Instant.now() + "\",\"order\":" + orderJson(order) + "}}";
    }

    private static String orderJson(Order order) {
        return "{\"id\":\"v-" + order.id().value() + "\",\"client_order_id\":\"" + order.id().value() + "\",\"symbol\":\""
                + order.symbol().value() + "\",\"side\":\"" + order.side().name().toLowerCase(Locale.ROOT)
                + "\",\"type\":\"market\",\"time_in_force\":\"day\",\"qty\":\"" + order.quantity() + "\"}";
    }

    @Override
    public void deliver(String text) {
        wire.tradeUpdate(text);
    }
}
