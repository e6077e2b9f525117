package dev.ballast.engine;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.util.ArrayList;
import java.util.List;

/** A broker that only records what the engine asked of it; tests play the venue's reports by hand. */
public final class RecordingBroker implements BrokerageInterface {
    /** A recorded modify request. */
    public record Modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {}

    public final List<Order> submitted = new ArrayList<>();
    public final List<ClientOrderId> canceled = new ArrayList<>();
    public final List<Modify> modified = new ArrayList<>();
    public BrokerReportSink sink;

    @Override
    public void connect(BrokerReportSink sink) {
        this.sink = sink;
    }

    @Override
    public void submit(Order order) {
        submitted.add(order);
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        canceled.add(orderId);
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        modified.add(new Modify(orderId, quantity, limitPrice, stopPrice));
    }
}
