package dev.ballast.bench;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.MarketData;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The end of the measured path: the broker behind the write-ahead gate. An order reaching it has its journal record
 * durable; it encodes the order with the adapter's own code ({@link VenueWire#encode}), which is where the adapter hands
 * the message to its transport, stamps that, and passes the order to the benchmark's venue. Called on the write-ahead
 * gate's sender thread, where a live venue's calls leave ({@code connect} on the engine thread); the benchmark's
 * strategy never cancels or modifies.
 */
final class TransportEdge implements BrokerageInterface {
    private final VenueWire.Kind kind;
    private final Clock clock;
    private final Path folder;
    private final LivePathProbe probe;
    private final BlockingQueue<Order> toVenue;
    private volatile VenueWire wire;

    TransportEdge(VenueWire.Kind kind, Clock clock, Path folder, LivePathProbe probe, BlockingQueue<Order> toVenue) {
        this.kind = kind;
        this.clock = clock;
        this.folder = folder;
        this.probe = probe;
        this.toVenue = toVenue;
    }

    /** The adapter's wire, once the engine connected. */
    VenueWire wire() {
        return wire;
    }

    @Override
    public void connect(BrokerReportSink sink) {
        wire = kind.open(clock, sink, folder);
    }

    @Override
    public void submit(Order order) {
        probe.durable(System.nanoTime());
        String message = wire.encode(order);
        probe.orderOut(System.nanoTime(), message);
        toVenue.add(order);
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        throw new UnsupportedOperationException("the live-path benchmark's strategy never cancels (" + orderId + ")");
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        throw new UnsupportedOperationException("the live-path benchmark's strategy never modifies (" + orderId + ")");
    }

    @Override
    public void onMarketData(MarketData data) {
    }

    @Override
    public void onTime(long now) {
    }

    @Override
    public CompletableFuture<BrokerState> queryState() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("the benchmark never reconciles"));
    }
}
