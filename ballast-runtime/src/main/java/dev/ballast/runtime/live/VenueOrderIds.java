package dev.ballast.runtime.live;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.OrderRestated;
import dev.ballast.model.event.ReplaceRejected;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Gives this run's client order ids a prefix of its own at the venue. The engine's ids ({@code sma-1}) restart with
 * every run, while a venue keeps every id it ever received: a second run sending {@code sma-1} again would be refused
 * as a duplicate, or worse, an adapter looking the id up after an error would find the first run's order and book its
 * fills here. With the prefix ({@code B7k2q9x-sma-1}, kept in the run folder for a resume) every id is new to the
 * venue; reports come back under the engine's ids; in the venue's state only this run's orders are this run's, the
 * others (earlier runs, orders placed by hand) are the account's external orders.
 *
 * <p>Threading: the engine calls it on its thread, the adapter's reports pass through on the adapter's threads; it
 * keeps no state but the prefix.
 */
final class VenueOrderIds implements BrokerageInterface {
    private final BrokerageInterface venue;
    private final String prefix;
    private final Consumer<BrokerConnectionChanged> connections;

    /** @param connections told of every connection change, after the engine (for {@link ReconnectReconciliation}) */
    VenueOrderIds(BrokerageInterface venue, String prefix, Consumer<BrokerConnectionChanged> connections) {
        this.venue = venue;
        this.prefix = prefix;
        this.connections = connections;
    }

    @Override
    public void connect(BrokerReportSink sink) {
        venue.connect(new BrokerReportSink() {
            @Override
            public void report(BrokerReport report) {
                sink.report(toEngine(report));
            }

            @Override
            public void connectionChanged(BrokerConnectionChanged change) {
                sink.connectionChanged(change);
                connections.accept(change);
            }

            @Override
            public void whenRecorded(Runnable recorded) {
                sink.whenRecorded(recorded);
            }
        });
    }

    @Override
    public void submit(Order order) {
        venue.submit(new Order(toVenue(order.id()), order.strategyId(), order.request(), order.status(),
                order.filledQuantity(), order.filledNotional(), order.averageFillPrice(), order.createdAt(), order.updatedAt(),
                order.bracketRole(),
                order.parent() == null ? null : toVenue(order.parent())));
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        venue.cancel(toVenue(orderId));
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        venue.modify(toVenue(orderId), quantity, limitPrice, stopPrice);
    }

    /**
     * The venue's state as this run sees it: its own orders under the engine's ids; open orders of others are kept
     * under their venue ids (the engine holds none of them, so they show as orders it does not know).
     */
    @Override
    public CompletableFuture<BrokerState> queryState() {
        return venue.queryState().thenApply(state -> {
            Map<ClientOrderId, Quantity> open = new HashMap<>();
            state.openOrders().forEach((id, leaves) -> open.put(ours(id) ? toEngine(id) : id, leaves));
            Set<ClientOrderId> known = new HashSet<>();
            for (ClientOrderId id : state.knownOrders()) if (ours(id)) known.add(toEngine(id));
            Map<Symbol, Quantity> positions = state.positions();
            return new BrokerState(open, positions, known);
        });
    }

    @Override
    public boolean mayHaveSent(ClientOrderId orderId) {
        return venue.mayHaveSent(toVenue(orderId));
    }

    ClientOrderId toVenue(ClientOrderId id) {
        return ClientOrderId.of(prefix + id.value());
    }

    private boolean ours(ClientOrderId id) {
        return id.value().startsWith(prefix) && id.value().length() > prefix.length();
    }

    private ClientOrderId toEngine(ClientOrderId id) {
        return ours(id) ? ClientOrderId.of(id.value().substring(prefix.length())) : id;
    }

    private BrokerReport toEngine(BrokerReport report) {
        ClientOrderId id = toEngine(report.orderId());
        return switch (report) {
            case OrderAccepted r -> new OrderAccepted(id, r.venueOrderId(), r.timestamp());
            case OrderRejected r -> new OrderRejected(id, r.reason(), r.timestamp());
            case Fill r -> new Fill(id, r.tradeId(), r.symbol(), r.side(), r.quantity(), r.price(), r.commission(), r.timestamp());
            case OrderCanceled r -> new OrderCanceled(id, r.reason(), r.timestamp());
            case CancelRejected r -> new CancelRejected(id, r.reason(), r.timestamp());
            case OrderReplaced r -> new OrderReplaced(id, r.quantity(), r.limitPrice(), r.stopPrice(), r.timestamp());
            case OrderRestated r -> new OrderRestated(id, r.quantity(), r.limitPrice(), r.stopPrice(), r.reason(),
                    r.timestamp());
            case ReplaceRejected r -> new ReplaceRejected(id, r.reason(), r.timestamp());
            case OrderExpired r -> new OrderExpired(id, r.timestamp());
            case FillCorrected r -> new FillCorrected(id, r.tradeId(), r.correctionId(), r.quantity(), r.price(),
                    r.commission(), r.timestamp());
            case FillBusted r -> new FillBusted(id, r.tradeId(), r.bustId(), r.timestamp());
        };
    }
}
