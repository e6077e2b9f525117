package dev.ballast.engine.order;

import dev.ballast.model.RiskReason;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import dev.ballast.engine.risk.OpenOrders;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.OrderType;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Anomaly;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.OrderRestated;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.ReplaceRejected;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The OrderManager: every order's lifecycle, driven through the transitions of {@link OrderStatus}
 * and nothing else. An illegal transition is refused and flagged, never applied. Fills are never
 * dropped: a fill for an unknown or closed order is still handed to the portfolio by the caller and
 * flagged here; a repeated trade id is recognised and not booked twice.
 *
 * <p>Owned by the engine thread; not thread-safe.
 */
public final class OrderManager implements OpenOrders {
    private final Clock clock;
    private final EngineEventBus events;
    private final BrokerageInterface broker;
    private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
    private final Map<StrategyId, Set<ClientOrderId>> openByStrategy = new LinkedHashMap<>();
    private final Map<Symbol, long[]> openLeavesBySymbol = new HashMap<>();
    private final Set<String> seenTradeIds = new HashSet<>();
    /** The ids of the venue's corrections and busts already booked, to recognise a repeated report. */
    private final Set<String> bookedCorrectionIds = new HashSet<>();
    private int openCount;

    public OrderManager(Clock clock, EngineEventBus events, BrokerageInterface broker) {
        this.clock = clock;
        this.events = events;
        this.broker = broker;
    }

    /**
     * Creates an order in INITIALIZED. A client order id that was already used is refused
     * ({@code null}, flagged): that is how a resubmission is recognised.
     */
    public Order create(ClientOrderId id, StrategyId strategyId, OrderRequest request, BracketRole role,
                        ClientOrderId parent) {
        if (orders.containsKey(id)) {
            flag(Anomaly.DUPLICATE_ORDER_ID, id, "client order id already used by " + orders.get(id).strategyId());
            return null;
        }
        Order order = Order.initialized(id, strategyId, request, clock.nanos(), role, parent);
        orders.put(id, order);
        return order;
    }

    /** The RiskManager denied the order: INITIALIZED -> DENIED, published with its reason. */
    public void deny(ClientOrderId id, RiskReason reasonCode, String detail) {
        Order order = transition(orders.get(id), OrderStatus.DENIED);
        if (order != null) events.publish(new OrderDenied(order, reasonCode, detail, clock.nanos()));
    }

    /** INITIALIZED -> SUBMITTED, then hands the order to the broker. */
    public void submit(ClientOrderId id) {
        Order order = transition(orders.get(id), OrderStatus.SUBMITTED);
        // After the SUBMITTED has reached every listener (the journal writes ahead of the broker), also when this
        // runs inside another event's delivery (a bracket's exits armed on the entry's FillBooked).
        if (order != null) events.afterPublished(() -> broker.submit(order));
    }

    /**
     * Asks the broker to cancel an open order. Returns false (and changes nothing) when the order is
     * unknown, finished or already being canceled.
     */
    public boolean requestCancel(ClientOrderId id) {
        Order order = orders.get(id);
        if (order == null || !order.status().canTransitionTo(OrderStatus.PENDING_CANCEL)) return false;
        if (transition(order, OrderStatus.PENDING_CANCEL) == null) return false;
        events.afterPublished(() -> broker.cancel(id));
        return true;
    }

    /** Asks the broker to modify a working order; false when the order cannot be modified now. */
    public boolean requestModify(ClientOrderId id, Quantity quantity, Price limitPrice, Price stopPrice) {
        Order order = orders.get(id);
        if (order == null || !order.status().canTransitionTo(OrderStatus.PENDING_REPLACE)) return false;
        if (transition(order, OrderStatus.PENDING_REPLACE) == null) return false;
        events.afterPublished(() -> broker.modify(id, quantity, limitPrice, stopPrice));
        return true;
    }

    /** Whether a fill with this trade id was already applied (a repeated report). */
    public boolean isDuplicateFill(Fill fill) {
        return seenTradeIds.contains(fill.tradeId());
    }

    /** Whether a correction or bust with this id (the venue's) was already booked (a repeated report). */
    public boolean isDuplicateCorrection(String correctionId) {
        return bookedCorrectionIds.contains(correctionId);
    }

    /**
     * Applies a venue's bust ({@code replacement} null) or correction of the booked fill {@code original} to its order,
     * after the portfolio booked it: the filled quantity and average price become those of the surviving fills; the
     * status stays (a busted fill does not re-work a finished order); an open order keeps its leaves (the venue says
     * when it re-works them, with a replace). Published as an update of the order in its status. An order this engine
     * does not know (an unattributed fill) has nothing to change.
     */
    public void restateFill(String correctionId, Fill original, Fill replacement) {
        bookedCorrectionIds.add(correctionId);
        Order order = orders.get(original.orderId());
        if (order == null) return;
        Order restated = order.withFillRestated(original.quantity(), original.price(),
                replacement == null ? null : replacement.quantity(), replacement == null ? null : replacement.price(),
                clock.nanos());
        store(order, restated);
        events.publish(new OrderUpdated(restated, order.status(), clock.nanos()));
    }

    /** Applies a broker report to its order. For fills, call after the portfolio booked the fill. */
    public void onReport(BrokerReport report) {
        Order order = orders.get(report.orderId());
        if (report instanceof Fill fill) {
            applyFill(order, fill);
            return;
        }
        if (order == null) {
            flag(Anomaly.REPORT_FOR_UNKNOWN_ORDER, report.orderId(), report.getClass().getSimpleName() + " for an unknown order");
            return;
        }
        switch (report) {
            case OrderAccepted accepted -> transition(order, OrderStatus.ACCEPTED);
            case OrderRejected rejected -> transition(order, OrderStatus.REJECTED);
            case OrderCanceled canceled -> transition(order, OrderStatus.CANCELED);
            case OrderExpired expired -> transition(order, OrderStatus.EXPIRED);
            case FillCorrected corrected -> throw new AssertionError("booked by the order flow (portfolio first)");
            case FillBusted busted -> throw new AssertionError("booked by the order flow (portfolio first)");
            case CancelRejected rejected -> {
                if (order.status() == OrderStatus.PENDING_CANCEL) transition(order, restoredStatus(order));
            }
            case OrderRestated restated -> restate(order, restated);
            case OrderReplaced replaced -> {
                Order changed = withTerms(order, replaced.quantity(), replaced.limitPrice(), replaced.stopPrice());
                if (order.status() == OrderStatus.PENDING_REPLACE) {
                    store(order, changed);
                    OrderStatus next = changed.leavesQuantity().raw() <= 0 ? OrderStatus.FILLED : restoredStatus(changed);
                    transition(changed, next);
                } else {
                    flag(Anomaly.ILLEGAL_TRANSITION, order.id(), "replace confirmed while " + order.status());
                }
            }
            case ReplaceRejected rejected -> {
                if (order.status() == OrderStatus.PENDING_REPLACE) transition(order, restoredStatus(order));
            }
            case Fill fill -> throw new AssertionError("handled above");
        }
    }

    private Order withTerms(Order order, Quantity quantity, Price limitPrice, Price stopPrice) {
        return order.withRequest(order.request()
                .withQuantity(quantity != null ? quantity : order.quantity())
                .withPrices(limitPrice != null ? limitPrice : order.request().limitPrice(),
                        stopPrice != null ? stopPrice : order.request().stopPrice()),
                clock.nanos());
    }

    /**
     * The venue changed a working order's terms on its own: the new terms stand, in the book and in the open leaves
     * risk counts. An order left with nothing to fill is done: filled when it had fills, canceled when not. The status
     * does not change otherwise; the update is published with the same status before and after.
     */
    private void restate(Order order, OrderRestated restated) {
        if (!order.status().isOpen()) {
            flag(Anomaly.ILLEGAL_TRANSITION, order.id(), "restated while " + order.status());
            return;
        }
        Order changed = withTerms(order, restated.quantity(), restated.limitPrice(), restated.stopPrice());
        if (changed.quantity().raw() < order.filledQuantity().raw()) {
            flag(Anomaly.OVERFILL, order.id(), "restated to " + changed.quantity() + " with " + order.filledQuantity()
                    + " already filled");
        }
        store(order, changed);
        if (changed.leavesQuantity().raw() <= 0) {
            transition(changed, changed.filledQuantity().isPositive() ? OrderStatus.FILLED : OrderStatus.CANCELED);
        } else {
            events.publish(new OrderUpdated(changed, order.status(), clock.nanos()));
        }
    }

    /**
     * The working status an order returns to when its pending cancel or replace is rejected (or a
     * replace took effect). The status before the request is not always a legal target: a cancel
     * asked while SUBMITTED or while a replace was pending would "return" to SUBMITTED or
     * PENDING_REPLACE, which the table forbids from PENDING_CANCEL, leaving the order stuck and
     * flagged. The venue answered about the order, so it is working: ACCEPTED, or PARTIALLY_FILLED
     * once something filled.
     */
    private static OrderStatus restoredStatus(Order order) {
        return order.filledQuantity().isPositive() ? OrderStatus.PARTIALLY_FILLED : OrderStatus.ACCEPTED;
    }

    private void applyFill(Order order, Fill fill) {
        seenTradeIds.add(fill.tradeId());
        if (order == null) {
            flag(Anomaly.FILL_FOR_UNKNOWN_ORDER, fill.orderId(),
                    "fill " + fill.tradeId() + " " + fill.side() + " " + fill.quantity() + " " + fill.symbol() + " @ " + fill.price()
                            + " for an order this engine does not know; booked as unattributed");
            return;
        }
        Order filled = order.withFill(fill.quantity(), fill.price(), clock.nanos());
        if (order.status().isTerminal()) {
            flag(Anomaly.FILL_FOR_CLOSED_ORDER, order.id(),
                    "fill " + fill.tradeId() + " of " + fill.quantity() + " for an order already " + order.status() + "; booked");
            orders.put(order.id(), filled);
            return;
        }
        if (filled.leavesQuantity().raw() < 0) {
            flag(Anomaly.OVERFILL, order.id(), "filled " + filled.filledQuantity() + " of " + order.quantity() + "; booked");
        }
        store(order, filled);
        OrderStatus next = filled.leavesQuantity().raw() <= 0 ? OrderStatus.FILLED
                : order.status() == OrderStatus.PENDING_CANCEL || order.status() == OrderStatus.PENDING_REPLACE
                ? order.status() : OrderStatus.PARTIALLY_FILLED;
        if (next == order.status()) {
            events.publish(new OrderUpdated(filled, order.status(), clock.nanos()));
        } else {
            transition(filled, next);
        }
    }

    /**
     * Moves {@code order} to {@code next} if the lifecycle allows it, publishing the change; otherwise
     * refuses, flags it and returns {@code null}.
     */
    private Order transition(Order order, OrderStatus next) {
        if (order == null) return null;
        OrderStatus previous = order.status();
        if (!previous.canTransitionTo(next)) {
            flag(Anomaly.ILLEGAL_TRANSITION, order.id(), previous + " -> " + next + " refused");
            return null;
        }
        Order changed = order.withStatus(next, clock.nanos());
        orders.put(order.id(), changed);
        trackOpen(changed, previous);
        events.publish(new OrderUpdated(changed, previous, clock.nanos()));
        return changed;
    }

    private void trackOpen(Order order, OrderStatus previous) {
        boolean wasOpen = previous.isOpen();
        boolean isOpen = order.status().isOpen();
        if (wasOpen == isOpen) return;
        if (isOpen) {
            openByStrategy.computeIfAbsent(order.strategyId(), s -> new LinkedHashSet<>()).add(order.id());
            openCount++;
            adjustOpenLeaves(order, +1);
        } else {
            Set<ClientOrderId> open = openByStrategy.get(order.strategyId());
            if (open != null) open.remove(order.id());
            openCount--;
            adjustOpenLeaves(order.withStatus(previous, order.updatedAt()), -1);
        }
    }

    /** Puts {@code changed} in place of {@code order} (same id, same status), moving the open leaves it counts. */
    private void store(Order order, Order changed) {
        adjustOpenLeaves(order, -1);
        orders.put(order.id(), changed);
        adjustOpenLeaves(changed, +1);
    }

    private void adjustOpenLeaves(Order order, int sign) {
        if (!order.status().isOpen()) return;
        long leaves = Math.max(0, order.leavesQuantity().raw());
        long[] sides = openLeavesBySymbol.computeIfAbsent(order.symbol(), s -> new long[2]);
        sides[order.side().ordinal()] += sign * leaves;
    }

    /**
     * Checks the open-order indexes against the orders themselves: every open order, and only those, in its
     * strategy's open set; the open count; the leaves per symbol and side. Throws {@link IllegalStateException}
     * naming the first mismatch. For tests, after every event (a full scan: not for the hot path).
     */
    public void verifyInvariants() {
        int open = 0;
        Map<Symbol, long[]> leaves = new HashMap<>();
        for (Order order : orders.values()) {
            boolean indexed = openByStrategy.getOrDefault(order.strategyId(), Set.of()).contains(order.id());
            if (indexed != order.status().isOpen()) {
                throw new IllegalStateException("order " + order.id() + " is " + order.status() + " but "
                        + (indexed ? "is" : "is not") + " in the open index of " + order.strategyId());
            }
            if (!order.status().isOpen()) continue;
            open++;
            leaves.computeIfAbsent(order.symbol(), s -> new long[2])[order.side().ordinal()]
                    += Math.max(0, order.leavesQuantity().raw());
        }
        if (open != openCount) throw new IllegalStateException("open count " + openCount + ", but " + open + " orders are open");
        for (Map.Entry<Symbol, long[]> entry : openLeavesBySymbol.entrySet()) {
            long[] expected = leaves.getOrDefault(entry.getKey(), new long[2]);
            if (expected[0] != entry.getValue()[0] || expected[1] != entry.getValue()[1]) {
                throw new IllegalStateException("open leaves of " + entry.getKey() + " are " + Arrays.toString(entry.getValue())
                        + " (buy, sell), the open orders leave " + Arrays.toString(expected));
            }
        }
        for (Symbol symbol : leaves.keySet()) {
            if (!openLeavesBySymbol.containsKey(symbol)) throw new IllegalStateException("open orders of " + symbol + " have no leaves entry");
        }
    }

    private void flag(Anomaly kind, ClientOrderId id, String detail) {
        events.publish(new AnomalyFlagged(kind, id, detail, clock.nanos()));
    }

    @Override
    public Order order(ClientOrderId id) {
        return orders.get(id);
    }

    /** The open orders of one strategy, in submission order. */
    public List<Order> openOrders(StrategyId strategyId) {
        Set<ClientOrderId> ids = openByStrategy.get(strategyId);
        List<Order> result = new ArrayList<>();
        if (ids != null) for (ClientOrderId id : ids) result.add(orders.get(id));
        return result;
    }

    /** Every open order of the account: strategy by strategy (in the order they first had one), each in submission order. */
    public List<Order> openOrders() {
        // From the per-strategy indexes: a scan of every order the run ever had would cost a long run seconds.
        List<Order> result = new ArrayList<>(openCount);
        for (Set<ClientOrderId> ids : openByStrategy.values()) for (ClientOrderId id : ids) result.add(orders.get(id));
        return result;
    }

    /**
     * Whether some order waits for the venue's answer: sent and not yet acknowledged, a cancel or modify not yet
     * answered, or a market order not yet filled. A live run's end waits for these (a fill still on its way would
     * otherwise reach the venue's books and not the engine's).
     */
    public boolean awaitingVenue() {
        for (Set<ClientOrderId> ids : openByStrategy.values()) {
            for (ClientOrderId id : ids) {
                Order order = orders.get(id);
                OrderStatus status = order.status();
                if (status == OrderStatus.SUBMITTED || status == OrderStatus.PENDING_CANCEL
                        || status == OrderStatus.PENDING_REPLACE || order.request().type() == OrderType.MARKET) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public int openOrderCount() {
        return openCount;
    }

    /** Unfilled quantity (raw) of the open orders on one side of a symbol: the worst case if they all fill. */
    @Override
    public long openLeaves(Symbol symbol, OrderSide side) {
        long[] sides = openLeavesBySymbol.get(symbol);
        return sides == null ? 0 : sides[side.ordinal()];
    }

    /** Unfilled quantity (raw) of one strategy's open orders on one side of a symbol. */
    @Override
    public long openLeaves(StrategyId strategyId, Symbol symbol, OrderSide side) {
        Set<ClientOrderId> ids = openByStrategy.get(strategyId);
        if (ids == null) return 0;
        long total = 0;
        for (ClientOrderId id : ids) {
            Order order = orders.get(id);
            if (order.symbol().equals(symbol) && order.side() == side) total += Math.max(0, order.leavesQuantity().raw());
        }
        return total;
    }

    /**
     * How many symbols have open orders of the scope ({@code strategyId} null: the account) while
     * {@code isFlat} says the scope holds nothing in them: positions that would exist if those orders filled.
     */
    @Override
    public int flatSymbolsWithOpenOrders(StrategyId strategyId, Predicate<Symbol> isFlat) {
        Set<Symbol> counted = new HashSet<>();
        if (strategyId == null) {
            for (Map.Entry<Symbol, long[]> entry : openLeavesBySymbol.entrySet()) {
                long[] sides = entry.getValue();
                if (sides[0] + sides[1] > 0 && isFlat.test(entry.getKey())) counted.add(entry.getKey());
            }
        } else {
            Set<ClientOrderId> ids = openByStrategy.get(strategyId);
            if (ids != null) {
                for (ClientOrderId id : ids) {
                    Symbol symbol = orders.get(id).symbol();
                    if (!counted.contains(symbol) && isFlat.test(symbol)) counted.add(symbol);
                }
            }
        }
        return counted.size();
    }

    /** How many orders of one strategy are open. */
    @Override
    public int openOrderCount(StrategyId strategyId) {
        Set<ClientOrderId> ids = openByStrategy.get(strategyId);
        return ids == null ? 0 : ids.size();
    }

    /** All orders of the run in creation order. */
    public List<Order> orders() {
        return List.copyOf(orders.values());
    }

    /** How many orders ended (or stand) in each status. */
    public Map<OrderStatus, Long> countByStatus() {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        for (Order order : orders.values()) counts.merge(order.status(), 1L, Long::sum);
        return counts;
    }
}
