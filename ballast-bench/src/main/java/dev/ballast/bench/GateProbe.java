package dev.ballast.bench;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.MarketData;

import java.util.concurrent.CompletableFuture;

/**
 * In front of the write-ahead gate: stamps when an order reaches it (its journal record queued), so the gate's
 * durability wait is measured apart from the rest of the path. Otherwise the gate itself. Engine thread only.
 */
final class GateProbe implements BrokerageInterface {
    private final BrokerageInterface gate;
    private final LivePathProbe probe;

    GateProbe(BrokerageInterface gate, LivePathProbe probe) {
        this.gate = gate;
        this.probe = probe;
    }

    @Override
    public void connect(BrokerReportSink sink) {
        gate.connect(sink);
    }

    @Override
    public void submit(Order order) {
        probe.gateEntered(System.nanoTime());
        gate.submit(order);
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        gate.cancel(orderId);
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        gate.modify(orderId, quantity, limitPrice, stopPrice);
    }

    @Override
    public void onMarketData(MarketData data) {
        gate.onMarketData(data);
    }

    @Override
    public void onTime(long now) {
        gate.onTime(now);
    }

    @Override
    public CompletableFuture<BrokerState> queryState() {
        return gate.queryState();
    }
}
