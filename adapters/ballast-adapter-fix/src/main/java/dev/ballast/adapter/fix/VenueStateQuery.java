package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerState;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One reconciliation question to the venue and the answers gathered so far: the orders (by a mass status request, or
 * order by order when the venue refuses that) and the positions. The future completes when both parts are answered,
 * and fails when the time runs out, naming what is missing: a half-answered question is never taken for the whole.
 *
 * <p>Threading: fed by the session thread, timed out by a timer thread; every method is synchronized.
 */
final class VenueStateQuery {
    /** Where the orders part stands. */
    enum OrdersPart { AWAITING_MASS_STATUS, AWAITING_ORDER_STATUS, ANSWERED }

    final String id;
    final CompletableFuture<BrokerState> future = new CompletableFuture<>();

    private final Map<ClientOrderId, Quantity> openOrders = new HashMap<>();
    private final Set<ClientOrderId> knownOrders = new HashSet<>();
    private final Map<Symbol, Quantity> positions = new HashMap<>();

    private OrdersPart ordersPart = OrdersPart.AWAITING_MASS_STATUS;
    private int orderReports;
    private int expectedOrderReports = -1;
    private final Set<String> awaitingStatusOf = new HashSet<>();
    private boolean positionsAnswered;
    private int positionReports;
    private int expectedPositionReports = -1;

    VenueStateQuery(String id) {
        this.id = id;
    }

    synchronized OrdersPart ordersPart() {
        return ordersPart;
    }

    /** One ExecutionReport (ExecType I) answering the mass status request; {@code order} null when it names none. */
    synchronized void massStatusReport(ClientOrderId order, boolean working, Quantity leaves, int totalReports,
                                       boolean last) {
        if (ordersPart != OrdersPart.AWAITING_MASS_STATUS) return;
        if (order != null) record(order, working, leaves);
        orderReports++;
        if (totalReports >= 0) expectedOrderReports = totalReports;
        // TotNumReports 0: the one report says there are none.
        if (last || (expectedOrderReports >= 0 && orderReports >= Math.max(expectedOrderReports, 1))) {
            ordersPart = OrdersPart.ANSWERED;
        }
        completeIfAnswered();
    }

    /** The venue refused the mass status request: ask about each of these ClOrdIDs instead. */
    synchronized void askOrderByOrder(Collection<String> clOrdIds) {
        if (ordersPart != OrdersPart.AWAITING_MASS_STATUS) return;
        awaitingStatusOf.addAll(clOrdIds);
        ordersPart = awaitingStatusOf.isEmpty() ? OrdersPart.ANSWERED : OrdersPart.AWAITING_ORDER_STATUS;
        completeIfAnswered();
    }

    synchronized boolean awaitsStatusOf(String clOrdId) {
        return ordersPart == OrdersPart.AWAITING_ORDER_STATUS && awaitingStatusOf.contains(clOrdId);
    }

    /** The answer to one OrderStatusRequest; an order the venue does not know is neither known nor open. */
    synchronized void orderStatusReport(String clOrdId, ClientOrderId order, boolean venueKnowsIt, boolean working,
                                        Quantity leaves) {
        if (!awaitingStatusOf.remove(clOrdId)) return;
        if (venueKnowsIt) record(order, working, leaves);
        if (awaitingStatusOf.isEmpty()) ordersPart = OrdersPart.ANSWERED;
        completeIfAnswered();
    }

    /** One PositionReport: the net position in {@code symbol}. */
    synchronized void positionReport(Symbol symbol, Quantity net, int totalReports) {
        if (positionsAnswered) return;
        positions.merge(symbol, net, Quantity::plus);
        positionReports++;
        if (totalReports >= 0) expectedPositionReports = totalReports;
        if (expectedPositionReports < 0 || positionReports >= expectedPositionReports) positionsAnswered = true;
        completeIfAnswered();
    }

    /** The venue says it holds no positions for the account. */
    synchronized void noPositions() {
        positionsAnswered = true;
        completeIfAnswered();
    }

    synchronized void fail(String why) {
        future.completeExceptionally(new IllegalStateException(why));
    }

    /** What has not been answered yet, for the timeout's message. */
    synchronized String unanswered() {
        List<String> missing = new ArrayList<>();
        switch (ordersPart) {
            case AWAITING_MASS_STATUS -> missing.add("the order mass status request (35=AF, MassStatusReqID " + id
                    + "-AF): " + orderReports + " of " + (expectedOrderReports < 0 ? "?" : expectedOrderReports)
                    + " reports");
            case AWAITING_ORDER_STATUS -> missing.add("order status requests (35=H) for " + awaitingStatusOf.stream()
                    .sorted().toList());
            case ANSWERED -> { }
        }
        if (!positionsAnswered) {
            missing.add("the request for positions (35=AN, PosReqID " + id + "-AN): " + positionReports + " of "
                    + (expectedPositionReports < 0 ? "?" : expectedPositionReports) + " reports");
        }
        return String.join("; ", missing);
    }

    private void record(ClientOrderId order, boolean working, Quantity leaves) {
        knownOrders.add(order);
        if (working && leaves.isPositive()) openOrders.put(order, leaves);
    }

    private void completeIfAnswered() {
        if (ordersPart == OrdersPart.ANSWERED && positionsAnswered) {
            future.complete(new BrokerState(openOrders, positions, knownOrders));
        }
    }
}
