package dev.ballast.engine.order;

import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.RecordingBroker;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Anomaly;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.OrderRestated;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.ReplaceRejected;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ballast.model.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The OrderManager's order lifecycle: every legal path, illegal reports refused and flagged, anomalies, open-order books. */
class OrderManagerTest {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol MSFT = Symbol.of("MSFT");
    private static final StrategyId S1 = StrategyId.of("s1");
    private static final StrategyId S2 = StrategyId.of("s2");

    private final SimulatedClock clock = new SimulatedClock(1_000);
    private final EngineEventBus bus = new EngineEventBus();
    private final List<EngineEvent> events = new ArrayList<>();
    private final RecordingBroker broker = new RecordingBroker();
    private final OrderManager orders = new OrderManager(clock, bus, broker);
    private int trades;

    OrderManagerTest() {
        bus.subscribe(events::add);
    }

    @Test
    void anOrderSubmittedWhileAnotherEventIsDeliveredReachesTheBrokerOnlyAfterItsSubmittedWasHeard() {
        // Write-ahead: the journal (a listener) must hold an order's SUBMITTED before the broker has the order, also
        // when the submit happens inside another event's delivery (a bracket's exits, armed on a FillBooked).
        List<String> seen = new ArrayList<>();
        ClientOrderId exit = id("exit");
        orders.create(exit, S1, buy(AAPL, "10", "10.00"), BracketRole.NONE, null);
        bus.subscribe(event -> {
            if (event instanceof AnomalyFlagged) {
                orders.submit(exit);
                seen.add("submit called; broker has " + broker.submitted.size());
            }
            if (event instanceof OrderUpdated updated && updated.order().id().equals(exit)) {
                seen.add("SUBMITTED heard; broker has " + broker.submitted.size());
            }
        });

        bus.publish(new AnomalyFlagged(Anomaly.DUPLICATE_FILL, exit, "the cause", clock.nanos()));

        assertThat(seen).containsExactly("submit called; broker has 0", "SUBMITTED heard; broker has 0");
        assertThat(broker.submitted).extracting(Order::id).containsExactly(exit);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static ClientOrderId id(String value) {
        return ClientOrderId.of(value);
    }

    private static OrderRequest buy(Symbol symbol, String quantity, String limit) {
        return OrderRequest.limit(symbol, OrderSide.BUY, Quantity.of(quantity), Price.of(limit));
    }

    private ClientOrderId submitted(String idText, StrategyId strategy, OrderRequest request) {
        ClientOrderId id = id(idText);
        orders.create(id, strategy, request, BracketRole.NONE, null);
        orders.submit(id);
        return id;
    }

    private ClientOrderId submitted(String idText) {
        return submitted(idText, S1, buy(AAPL, "100", "10.00"));
    }

    private ClientOrderId accepted(String idText) {
        ClientOrderId id = submitted(idText);
        report(new OrderAccepted(id, "v-" + idText, clock.nanos()));
        return id;
    }

    private void report(BrokerReport report) {
        clock.advanceTo(clock.nanos() + 1);
        orders.onReport(report);
    }

    private void fill(ClientOrderId id, String quantity, String price) {
        fill(id, OrderSide.BUY, AAPL, quantity, price);
    }

    private void fill(ClientOrderId id, OrderSide side, Symbol symbol, String quantity, String price) {
        report(new Fill(id, "t" + (++trades), symbol, side, Quantity.of(quantity), Price.of(price), Money.ZERO, clock.nanos()));
    }

    private OrderStatus status(ClientOrderId id) {
        return orders.order(id).status();
    }

    private List<AnomalyFlagged> anomalies() {
        return events.stream().filter(AnomalyFlagged.class::isInstance).map(AnomalyFlagged.class::cast).toList();
    }

    private List<String> transitions(ClientOrderId id) {
        return events.stream().filter(OrderUpdated.class::isInstance).map(OrderUpdated.class::cast)
                .filter(u -> u.order().id().equals(id))
                .map(u -> u.previous() + "->" + u.order().status()).toList();
    }

    private long leaves(Symbol symbol, OrderSide side) {
        return orders.openLeaves(symbol, side);
    }

    private static long units(String text) {
        return Quantity.of(text).raw();
    }

    // --- legal paths ----------------------------------------------------------------------------

    @Test
    void createdOrderStartsInitializedAndNotOpen() {
        Order order = orders.create(id("a"), S1, buy(AAPL, "100", "10"), BracketRole.NONE, null);
        assertThat(order.status()).isEqualTo(INITIALIZED);
        assertThat(order.createdAt()).isEqualTo(1_000);
        assertThat(orders.openOrders(S1)).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void submitHandsTheSubmittedOrderToTheBroker() {
        ClientOrderId a = submitted("a");
        assertThat(broker.submitted).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(a);
            assertThat(o.status()).isEqualTo(SUBMITTED);
        });
        assertThat(transitions(a)).containsExactly("INITIALIZED->SUBMITTED");
    }

    @Test
    void orderMovesThroughAcceptedPartiallyFilledAndFilled() {
        ClientOrderId a = accepted("a");
        fill(a, "40", "10.00");
        assertThat(status(a)).isEqualTo(PARTIALLY_FILLED);
        fill(a, "60", "10.50");
        assertThat(status(a)).isEqualTo(FILLED);
        assertThat(transitions(a)).containsExactly("INITIALIZED->SUBMITTED", "SUBMITTED->ACCEPTED",
                "ACCEPTED->PARTIALLY_FILLED", "PARTIALLY_FILLED->FILLED");
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void fillsAccumulateQuantityNotionalAndAveragePrice() {
        ClientOrderId a = accepted("a");
        fill(a, "40", "10.00");
        fill(a, "60", "10.50");
        // 40 x 10.00 + 60 x 10.50 = 400 + 630 = 1030; 1030 / 100 = 10.30
        Order order = orders.order(a);
        assertThat(order.filledQuantity()).isEqualTo(Quantity.of("100"));
        assertThat(order.filledNotional()).isEqualTo(Money.of("1030"));
        assertThat(order.averageFillPrice()).isEqualTo(Price.of("10.30"));
        assertThat(order.leavesQuantity()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void partialFillAfterPartialFillStaysPartiallyFilled() {
        ClientOrderId a = accepted("a");
        fill(a, "10", "10");
        fill(a, "10", "10");
        assertThat(status(a)).isEqualTo(PARTIALLY_FILLED);
        assertThat(transitions(a)).endsWith("ACCEPTED->PARTIALLY_FILLED", "PARTIALLY_FILLED->PARTIALLY_FILLED");
    }

    @Test
    void rejectedOrderEndsRejectedAndIsNoLongerOpen() {
        ClientOrderId a = submitted("a");
        report(new OrderRejected(a, "no", clock.nanos()));
        assertThat(status(a)).isEqualTo(REJECTED);
        assertThat(orders.openOrders(S1)).isEmpty();
        assertThat(orders.openOrderCount()).isZero();
        assertThat(leaves(AAPL, OrderSide.BUY)).isZero();
    }

    @Test
    void deniedOrderIsPublishedWithItsReasonAndNeverReachesTheBroker() {
        orders.create(id("a"), S1, buy(AAPL, "100", "10"), BracketRole.NONE, null);
        orders.deny(id("a"), RiskReason.MAX_ORDER_NOTIONAL, "order notional 1000.00 exceeds limit 500.00");
        assertThat(status(id("a"))).isEqualTo(DENIED);
        assertThat(broker.submitted).isEmpty();
        assertThat(events).filteredOn(OrderDenied.class::isInstance).singleElement().satisfies(e -> {
            OrderDenied denied = (OrderDenied) e;
            assertThat(denied.reasonCode()).isEqualTo(RiskReason.MAX_ORDER_NOTIONAL);
            assertThat(denied.detail()).contains("1000.00");
            assertThat(denied.order().status()).isEqualTo(DENIED);
        });
    }

    @Test
    void deniedOrderCannotBeSubmittedAfterwards() {
        orders.create(id("a"), S1, buy(AAPL, "100", "10"), BracketRole.NONE, null);
        orders.deny(id("a"), RiskReason.MAX_ORDER_QUANTITY, "x");
        orders.submit(id("a"));
        assertThat(status(id("a"))).isEqualTo(DENIED);
        assertThat(broker.submitted).isEmpty();
        assertThat(anomalies()).singleElement().extracting(AnomalyFlagged::kind).isEqualTo(Anomaly.ILLEGAL_TRANSITION);
    }

    @Test
    void cancelGoesThroughPendingCancelToCanceled() {
        ClientOrderId a = accepted("a");
        assertThat(orders.requestCancel(a)).isTrue();
        assertThat(status(a)).isEqualTo(PENDING_CANCEL);
        assertThat(broker.canceled).containsExactly(a);
        report(new OrderCanceled(a, "requested", clock.nanos()));
        assertThat(status(a)).isEqualTo(CANCELED);
        assertThat(transitions(a)).endsWith("ACCEPTED->PENDING_CANCEL", "PENDING_CANCEL->CANCELED");
    }

    @Test
    void cancelOfASubmittedOrderIsAllowed() {
        ClientOrderId a = submitted("a");
        assertThat(orders.requestCancel(a)).isTrue();
        report(new OrderCanceled(a, "requested", clock.nanos()));
        assertThat(status(a)).isEqualTo(CANCELED);
    }

    @Test
    void cancelRejectedReturnsAnAcceptedOrderToAccepted() {
        ClientOrderId a = accepted("a");
        orders.requestCancel(a);
        report(new CancelRejected(a, "too late", clock.nanos()));
        assertThat(status(a)).isEqualTo(ACCEPTED);
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void cancelRejectedReturnsAPartiallyFilledOrderToPartiallyFilled() {
        ClientOrderId a = accepted("a");
        fill(a, "30", "10");
        orders.requestCancel(a);
        report(new CancelRejected(a, "too late", clock.nanos()));
        assertThat(status(a)).isEqualTo(PARTIALLY_FILLED);
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void cancelRejectedBeforeAcknowledgementLeavesTheOrderWorkingAndCancelableAgain() {
        // PENDING_CANCEL -> SUBMITTED is not in the table: the venue answered about the order, so it is working.
        ClientOrderId a = submitted("a");
        orders.requestCancel(a);
        report(new CancelRejected(a, "not yet", clock.nanos()));
        assertThat(status(a)).isEqualTo(ACCEPTED);
        assertThat(anomalies()).isEmpty();
        assertThat(orders.requestCancel(a)).isTrue();
    }

    @Test
    void cancelRejectedWhileAReplaceWasPendingLeavesTheOrderWorking() {
        ClientOrderId a = accepted("a");
        orders.requestModify(a, Quantity.of("80"), null, null);
        orders.requestCancel(a);
        report(new CancelRejected(a, "no", clock.nanos()));
        assertThat(status(a).isOpen()).isTrue();
        assertThat(anomalies()).isEmpty();
        assertThat(orders.requestCancel(a)).isTrue();
    }

    @Test
    void cancelRejectedForAnOrderNoLongerPendingCancelIsIgnored() {
        ClientOrderId a = accepted("a");
        orders.requestCancel(a);
        fill(a, "100", "10");
        report(new CancelRejected(a, "already filled", clock.nanos()));
        assertThat(status(a)).isEqualTo(FILLED);
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void cancelOfAFinishedOrderIsRefusedAndNotSent() {
        ClientOrderId a = accepted("a");
        fill(a, "100", "10");
        assertThat(orders.requestCancel(a)).isFalse();
        assertThat(broker.canceled).isEmpty();
        assertThat(status(a)).isEqualTo(FILLED);
    }

    @Test
    void secondCancelWhileOneIsPendingIsRefused() {
        ClientOrderId a = accepted("a");
        orders.requestCancel(a);
        assertThat(orders.requestCancel(a)).isFalse();
        assertThat(broker.canceled).containsExactly(a);
    }

    @Test
    void cancelOfAnUnknownOrderIsRefused() {
        assertThat(orders.requestCancel(id("nope"))).isFalse();
        assertThat(broker.canceled).isEmpty();
    }

    @Test
    void modifyGoesToPendingReplaceAndTheReplaceAppliesQuantityAndPrices() {
        ClientOrderId a = accepted("a");
        assertThat(orders.requestModify(a, Quantity.of("60"), Price.of("9.50"), null)).isTrue();
        assertThat(status(a)).isEqualTo(PENDING_REPLACE);
        assertThat(broker.modified).containsExactly(new RecordingBroker.Modify(a, Quantity.of("60"), Price.of("9.50"), null));
        report(new OrderReplaced(a, Quantity.of("60"), Price.of("9.50"), null, clock.nanos()));
        Order order = orders.order(a);
        assertThat(order.status()).isEqualTo(ACCEPTED);
        assertThat(order.quantity()).isEqualTo(Quantity.of("60"));
        assertThat(order.request().limitPrice()).isEqualTo(Price.of("9.50"));
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("60"));
    }

    @Test
    void replaceOfAPartiallyFilledOrderReturnsToPartiallyFilled() {
        ClientOrderId a = accepted("a");
        fill(a, "30", "10");
        orders.requestModify(a, Quantity.of("50"), null, null);
        report(new OrderReplaced(a, Quantity.of("50"), null, null, clock.nanos()));
        Order order = orders.order(a);
        assertThat(order.status()).isEqualTo(PARTIALLY_FILLED);
        // 50 ordered - 30 filled = 20 leaves
        assertThat(order.leavesQuantity()).isEqualTo(Quantity.of("20"));
        assertThat(order.request().limitPrice()).isEqualTo(Price.of("10.00"));
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("20"));
    }

    @Test
    void replaceDownToTheFilledQuantityCompletesTheOrder() {
        ClientOrderId a = accepted("a");
        fill(a, "30", "10");
        orders.requestModify(a, Quantity.of("30"), null, null);
        report(new OrderReplaced(a, Quantity.of("30"), null, null, clock.nanos()));
        assertThat(status(a)).isEqualTo(FILLED);
        assertThat(leaves(AAPL, OrderSide.BUY)).isZero();
        assertThat(orders.openOrders(S1)).isEmpty();
    }

    @Test
    void aVenueRestatementChangesTheTermsAndTheOpenLeavesAndKeepsTheStatus() {
        ClientOrderId a = accepted("a");
        fill(a, "30", "10");
        events.clear();
        report(new OrderRestated(a, Quantity.of("50"), null, null, "ExecRestatementReason 5", clock.nanos()));
        Order order = orders.order(a);
        assertThat(order.status()).isEqualTo(PARTIALLY_FILLED);
        assertThat(order.quantity()).isEqualTo(Quantity.of("50"));
        assertThat(order.request().limitPrice()).isEqualTo(Price.of("10.00"));
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("20"));
        assertThat(events).filteredOn(e -> e instanceof OrderUpdated).singleElement()
                .satisfies(e -> assertThat(((OrderUpdated) e).previous()).isEqualTo(PARTIALLY_FILLED));
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void aRestatementDownToTheFilledQuantityCompletesTheOrderAndOneToNothingCancelsIt() {
        ClientOrderId a = accepted("a");
        fill(a, "30", "10");
        report(new OrderRestated(a, Quantity.of("30"), null, null, "partial decline", clock.nanos()));
        assertThat(status(a)).isEqualTo(FILLED);
        ClientOrderId b = accepted("b");
        report(new OrderRestated(b, Quantity.ZERO, null, null, "partial decline", clock.nanos()));
        assertThat(status(b)).isEqualTo(CANCELED);
        assertThat(leaves(AAPL, OrderSide.BUY)).isZero();
        assertThat(orders.openOrders(S1)).isEmpty();
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void aRestatementOfAClosedOrderChangesNothingAndIsFlagged() {
        ClientOrderId a = accepted("a");
        fill(a, "100", "10");
        report(new OrderRestated(a, Quantity.of("50"), null, null, "late", clock.nanos()));
        assertThat(orders.order(a).quantity()).isEqualTo(Quantity.of("100"));
        assertThat(anomalies()).singleElement().satisfies(x -> assertThat(x.kind()).isEqualTo(Anomaly.ILLEGAL_TRANSITION));
    }

    @Test
    void replaceRejectedRestoresTheStatusAndKeepsTheTerms() {
        ClientOrderId a = accepted("a");
        orders.requestModify(a, Quantity.of("60"), Price.of("9.50"), null);
        report(new ReplaceRejected(a, "no", clock.nanos()));
        Order order = orders.order(a);
        assertThat(order.status()).isEqualTo(ACCEPTED);
        assertThat(order.quantity()).isEqualTo(Quantity.of("100"));
        assertThat(order.request().limitPrice()).isEqualTo(Price.of("10.00"));
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("100"));
    }

    @Test
    void replaceRejectedAfterAPartialFillRestoresPartiallyFilled() {
        ClientOrderId a = accepted("a");
        fill(a, "30", "10");
        orders.requestModify(a, Quantity.of("50"), null, null);
        report(new ReplaceRejected(a, "no", clock.nanos()));
        assertThat(status(a)).isEqualTo(PARTIALLY_FILLED);
        assertThat(orders.order(a).quantity()).isEqualTo(Quantity.of("100"));
    }

    @Test
    void modifyOfASubmittedOrderIsRefused() {
        ClientOrderId a = submitted("a");
        assertThat(orders.requestModify(a, Quantity.of("50"), null, null)).isFalse();
        assertThat(broker.modified).isEmpty();
        assertThat(status(a)).isEqualTo(SUBMITTED);
    }

    @Test
    void expiredOrderEndsExpiredAndReleasesItsLeaves() {
        ClientOrderId a = accepted("a");
        fill(a, "30", "10");
        report(new OrderExpired(a, clock.nanos()));
        assertThat(status(a)).isEqualTo(EXPIRED);
        assertThat(leaves(AAPL, OrderSide.BUY)).isZero();
    }

    @Test
    void fillRacingACancelCompletesTheOrder() {
        ClientOrderId a = accepted("a");
        orders.requestCancel(a);
        fill(a, "100", "10");
        assertThat(status(a)).isEqualTo(FILLED);
        assertThat(anomalies()).isEmpty();
        // The venue's cancel confirmation arrives too late: refused, flagged, order unchanged.
        report(new OrderCanceled(a, "requested", clock.nanos()));
        assertThat(status(a)).isEqualTo(FILLED);
    }

    @Test
    void partialFillDuringPendingCancelStaysPendingCancelUntilCanceled() {
        ClientOrderId a = accepted("a");
        orders.requestCancel(a);
        fill(a, "30", "10");
        assertThat(status(a)).isEqualTo(PENDING_CANCEL);
        assertThat(orders.order(a).filledQuantity()).isEqualTo(Quantity.of("30"));
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("70"));
        report(new OrderCanceled(a, "requested", clock.nanos()));
        assertThat(status(a)).isEqualTo(CANCELED);
        assertThat(leaves(AAPL, OrderSide.BUY)).isZero();
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void partialFillDuringPendingReplaceIsPublishedAndTheReplaceStillApplies() {
        ClientOrderId a = accepted("a");
        orders.requestModify(a, Quantity.of("50"), null, null);
        fill(a, "20", "10");
        assertThat(status(a)).isEqualTo(PENDING_REPLACE);
        OrderUpdated last = (OrderUpdated) events.getLast();
        assertThat(last.order().filledQuantity()).isEqualTo(Quantity.of("20"));
        report(new OrderReplaced(a, Quantity.of("50"), null, null, clock.nanos()));
        assertThat(status(a)).isEqualTo(PARTIALLY_FILLED);
        // 50 - 20 = 30 leaves
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("30"));
    }

    @Test
    void fillBeforeAcceptanceMovesASubmittedOrderToPartiallyFilled() {
        ClientOrderId a = submitted("a");
        fill(a, "40", "10");
        assertThat(status(a)).isEqualTo(PARTIALLY_FILLED);
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void fullFillBeforeAcceptanceMovesASubmittedOrderToFilled() {
        ClientOrderId a = submitted("a");
        fill(a, "100", "10");
        assertThat(status(a)).isEqualTo(FILLED);
        assertThat(anomalies()).isEmpty();
    }

    // --- illegal reports --------------------------------------------------------------------------

    @Test
    void acceptedReportForAFilledOrderIsRefusedAndFlagged() {
        ClientOrderId a = submitted("a");
        fill(a, "100", "10");
        Order before = orders.order(a);
        int published = events.size();
        report(new OrderAccepted(a, "v", clock.nanos()));
        assertThat(orders.order(a)).isEqualTo(before);
        assertThat(events.subList(published, events.size())).singleElement().satisfies(e -> {
            AnomalyFlagged flagged = (AnomalyFlagged) e;
            assertThat(flagged.kind()).isEqualTo(Anomaly.ILLEGAL_TRANSITION);
            assertThat(flagged.orderId()).isEqualTo(a);
            assertThat(flagged.detail()).contains("FILLED -> ACCEPTED");
        });
    }

    @Test
    void canceledReportForARejectedOrderIsRefusedAndFlagged() {
        ClientOrderId a = submitted("a");
        report(new OrderRejected(a, "no", clock.nanos()));
        Order before = orders.order(a);
        report(new OrderCanceled(a, "x", clock.nanos()));
        assertThat(orders.order(a)).isEqualTo(before);
        assertThat(anomalies()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Anomaly.ILLEGAL_TRANSITION);
            assertThat(f.detail()).contains("REJECTED -> CANCELED");
        });
    }

    @Test
    void secondAcceptanceIsRefusedAndFlagged() {
        ClientOrderId a = accepted("a");
        Order before = orders.order(a);
        report(new OrderAccepted(a, "v", clock.nanos()));
        assertThat(orders.order(a)).isEqualTo(before);
        assertThat(anomalies()).singleElement().extracting(AnomalyFlagged::kind).isEqualTo(Anomaly.ILLEGAL_TRANSITION);
    }

    @Test
    void rejectionOfAnAcceptedOrderIsRefusedAndFlagged() {
        ClientOrderId a = accepted("a");
        Order before = orders.order(a);
        report(new OrderRejected(a, "late", clock.nanos()));
        assertThat(orders.order(a)).isEqualTo(before);
        assertThat(anomalies()).singleElement().extracting(AnomalyFlagged::kind).isEqualTo(Anomaly.ILLEGAL_TRANSITION);
    }

    @Test
    void expiryOfACanceledOrderIsRefusedAndFlagged() {
        ClientOrderId a = accepted("a");
        orders.requestCancel(a);
        report(new OrderCanceled(a, "x", clock.nanos()));
        Order before = orders.order(a);
        report(new OrderExpired(a, clock.nanos()));
        assertThat(orders.order(a)).isEqualTo(before);
        assertThat(anomalies()).singleElement().extracting(AnomalyFlagged::kind).isEqualTo(Anomaly.ILLEGAL_TRANSITION);
    }

    @Test
    void replaceConfirmedWithoutAPendingModifyIsRefusedAndFlagged() {
        ClientOrderId a = accepted("a");
        Order before = orders.order(a);
        report(new OrderReplaced(a, Quantity.of("10"), null, null, clock.nanos()));
        assertThat(orders.order(a)).isEqualTo(before);
        assertThat(anomalies()).singleElement().extracting(AnomalyFlagged::kind).isEqualTo(Anomaly.ILLEGAL_TRANSITION);
    }

    @Test
    void reportForAnUnknownOrderIsFlagged() {
        report(new OrderAccepted(id("ghost"), "v", clock.nanos()));
        assertThat(anomalies()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Anomaly.REPORT_FOR_UNKNOWN_ORDER);
            assertThat(f.orderId()).isEqualTo(id("ghost"));
        });
        assertThat(orders.order(id("ghost"))).isNull();
    }

    // --- anomalies ---------------------------------------------------------------------------------

    @Test
    void duplicateClientOrderIdIsRefusedAndFlagged() {
        ClientOrderId a = accepted("a");
        Order before = orders.order(a);
        Order duplicate = orders.create(a, S2, buy(MSFT, "5", "1"), BracketRole.NONE, null);
        assertThat(duplicate).isNull();
        assertThat(orders.order(a)).isEqualTo(before);
        assertThat(anomalies()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Anomaly.DUPLICATE_ORDER_ID);
            assertThat(f.orderId()).isEqualTo(a);
        });
    }

    @Test
    void fillForAnUnknownOrderIsFlagged() {
        fill(id("ghost"), "10", "10");
        assertThat(anomalies()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Anomaly.FILL_FOR_UNKNOWN_ORDER);
            assertThat(f.orderId()).isEqualTo(id("ghost"));
            assertThat(f.detail()).contains("BUY 10 AAPL @ 10");
        });
        assertThat(orders.order(id("ghost"))).isNull();
    }

    @Test
    void fillForACanceledOrderIsFlaggedAndItsQuantityRecorded() {
        ClientOrderId a = accepted("a");
        orders.requestCancel(a);
        report(new OrderCanceled(a, "x", clock.nanos()));
        fill(a, "25", "10");
        assertThat(anomalies()).singleElement().extracting(AnomalyFlagged::kind).isEqualTo(Anomaly.FILL_FOR_CLOSED_ORDER);
        assertThat(status(a)).isEqualTo(CANCELED);
        assertThat(orders.order(a).filledQuantity()).isEqualTo(Quantity.of("25"));
        assertThat(leaves(AAPL, OrderSide.BUY)).isZero();
        assertThat(orders.openOrders(S1)).isEmpty();
    }

    @Test
    void overfillIsFlaggedAndBookedAsFilled() {
        ClientOrderId a = accepted("a");
        fill(a, "80", "10");
        fill(a, "40", "10");
        // 80 + 40 = 120 of 100
        assertThat(anomalies()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Anomaly.OVERFILL);
            assertThat(f.detail()).contains("120").contains("100");
        });
        assertThat(status(a)).isEqualTo(FILLED);
        assertThat(orders.order(a).filledQuantity()).isEqualTo(Quantity.of("120"));
        assertThat(leaves(AAPL, OrderSide.BUY)).isZero();
    }

    @Test
    void repeatedTradeIdIsRecognisedAsADuplicateFill() {
        ClientOrderId a = accepted("a");
        Fill fill = new Fill(a, "T-1", AAPL, OrderSide.BUY, Quantity.of("10"), Price.of("10"), Money.ZERO, 5);
        assertThat(orders.isDuplicateFill(fill)).isFalse();
        orders.onReport(fill);
        assertThat(orders.isDuplicateFill(fill)).isTrue();
    }

    // --- open order books -----------------------------------------------------------------------------

    @Test
    void openLeavesFollowFillsAndCancelsPerSymbolAndSide() {
        ClientOrderId a = submitted("a", S1, buy(AAPL, "100", "10"));
        ClientOrderId b = submitted("b", S1, buy(AAPL, "50", "10"));
        ClientOrderId c = submitted("c", S2, OrderRequest.limit(AAPL, OrderSide.SELL, Quantity.of("30"), Price.of("11")));
        submitted("d", S2, buy(MSFT, "7", "300"));
        // BUY AAPL: 100 + 50 = 150; SELL AAPL: 30; BUY MSFT 7
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("150"));
        assertThat(leaves(AAPL, OrderSide.SELL)).isEqualTo(units("30"));
        assertThat(leaves(MSFT, OrderSide.BUY)).isEqualTo(units("7"));
        assertThat(leaves(MSFT, OrderSide.SELL)).isZero();

        fill(a, "40", "10");                                       // 150 - 40 = 110
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("110"));
        orders.requestCancel(b);                                   // still working while pending: 110
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("110"));
        report(new OrderCanceled(b, "x", clock.nanos()));          // 110 - 50 = 60
        assertThat(leaves(AAPL, OrderSide.BUY)).isEqualTo(units("60"));
        fill(c, OrderSide.SELL, AAPL, "30", "11");                 // SELL 30 - 30 = 0
        assertThat(leaves(AAPL, OrderSide.SELL)).isZero();
        fill(a, "60", "10");                                       // 60 - 60 = 0
        assertThat(leaves(AAPL, OrderSide.BUY)).isZero();
        assertThat(leaves(MSFT, OrderSide.BUY)).isEqualTo(units("7"));
    }

    @Test
    void openOrdersOfAStrategyFollowFillsAndCancels() {
        ClientOrderId a = submitted("a", S1, buy(AAPL, "100", "10"));
        ClientOrderId b = submitted("b", S1, buy(AAPL, "50", "10"));
        ClientOrderId c = submitted("c", S2, buy(AAPL, "20", "10"));
        assertThat(orders.openOrders(S1)).extracting(Order::id).containsExactly(a, b);
        assertThat(orders.openOrders(S2)).extracting(Order::id).containsExactly(c);
        assertThat(orders.openOrderCount()).isEqualTo(3);

        fill(a, "40", "10");
        assertThat(orders.openOrders(S1)).extracting(Order::id).containsExactly(a, b);
        assertThat(orders.openOrders(S1).getFirst().filledQuantity()).isEqualTo(Quantity.of("40"));
        orders.requestCancel(b);
        assertThat(orders.openOrders(S1)).extracting(Order::id).containsExactly(a, b);
        report(new OrderCanceled(b, "x", clock.nanos()));
        assertThat(orders.openOrders(S1)).extracting(Order::id).containsExactly(a);
        fill(a, "60", "10");
        assertThat(orders.openOrders(S1)).isEmpty();
        assertThat(orders.openOrders(S2)).extracting(Order::id).containsExactly(c);
        assertThat(orders.openOrderCount()).isEqualTo(1);
        assertThat(orders.openOrders()).extracting(Order::id).containsExactly(c);
    }

    @Test
    void countByStatusCountsEveryOrderOnce() {
        accepted("a");
        ClientOrderId b = submitted("b");
        report(new OrderRejected(b, "no", clock.nanos()));
        orders.create(id("c"), S1, buy(AAPL, "1", "1"), BracketRole.NONE, null);
        orders.deny(id("c"), RiskReason.MAX_ORDER_QUANTITY, "x");
        assertThat(orders.countByStatus()).containsEntry(ACCEPTED, 1L).containsEntry(REJECTED, 1L)
                .containsEntry(DENIED, 1L).hasSize(3);
    }
}
