package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.Order;

/**
 * The Alpaca adapter's own request and stream code, reached from the live-path latency benchmark (which lives in
 * ballast-bench, in this package so that the adapter needs no public hook): an order's {@code POST /v2/orders} body
 * built and written to its JSON text exactly as the adapter's order sender does ({@link OrderBodies#newOrder},
 * {@link AlpacaJson#write}), and a {@code trade_updates} message's text parsed and translated by the adapter's
 * {@link TradeUpdateTranslator}. Left out: the HTTP request itself (headers with the API key, the client's send) and
 * the hand-off to the adapter's order lanes.
 *
 * <p>Threading: {@link #orderBody} from one thread (the engine's, here), {@link #tradeUpdate} from one other thread
 * (the venue's, standing in for the stream's reader).
 */
public final class AlpacaWire {
    private final TradeUpdateTranslator translator;
    private final BrokerReportSink sink;

    public AlpacaWire(Clock clock, BrokerReportSink sink) {
        this.translator = new TradeUpdateTranslator(new OrderRegistry(), new ExecutionLedger(), clock);
        this.sink = sink;
    }

    /** The JSON text of the order's {@code POST /v2/orders} body. */
    public String orderBody(Order order) {
        return AlpacaJson.write(OrderBodies.newOrder(order));
    }

    /** One {@code trade_updates} stream message: parsed, translated, and its report (if any) given to the engine. */
    public void tradeUpdate(String messageText) {
        JsonNode message = AlpacaJson.parse(messageText);
        JsonNode data = message.get("data");
        if (data == null) throw new IllegalArgumentException("the benchmark's venue sent a trade update without data");
        translator.translate(data).ifPresent(sink::report);
    }
}
