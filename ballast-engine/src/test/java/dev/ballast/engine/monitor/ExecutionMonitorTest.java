package dev.ballast.engine.monitor;

import dev.ballast.model.RiskReason;
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
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderUpdated;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** ExecutionMonitor figures from engine events: slippage sign per side, acknowledgement and fill times, counts. */
class ExecutionMonitorTest {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final StrategyId S = StrategyId.of("s");
    private final ExecutionMonitor monitor = new ExecutionMonitor();

    private Order order(String id, OrderSide side) {
        return Order.initialized(ClientOrderId.of(id), S, OrderRequest.market(AAPL, side, Quantity.of("100")), 0,
                BracketRole.NONE, null);
    }

    private Order move(Order order, OrderStatus next, long at) {
        Order changed = order.withStatus(next, at);
        monitor.on(new OrderUpdated(changed, order.status(), at));
        return changed;
    }

    private Order fill(Order order, String quantity, String price, OrderStatus next, long at) {
        Fill fill = new Fill(order.id(), "t" + at, AAPL, order.side(), Quantity.of(quantity), Price.of(price), Money.of("1"), at);
        Order filled = order.withFill(fill.quantity(), fill.price(), at).withStatus(next, at);
        monitor.on(new OrderUpdated(filled, order.status(), at));
        monitor.on(new FillBooked(fill, S, at));
        return filled;
    }

    private OrderExecution execution(String id) {
        return monitor.executions().stream().filter(e -> e.orderId().equals(ClientOrderId.of(id))).findFirst().orElseThrow();
    }

    @Test
    void buyFilledAboveArrivalHasPositiveSlippage() {
        Order o = order("b", OrderSide.BUY);
        monitor.recordArrival(o.id(), Price.of("100"));
        o = move(o, OrderStatus.SUBMITTED, 10);
        fill(o, "100", "100.10", OrderStatus.FILLED, 20);
        // (100.10 - 100) / 100 x 10000 = +10 bps (worse for a buy)
        assertThat(execution("b").slippageBps()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void buyFilledBelowArrivalHasNegativeSlippage() {
        Order o = order("b", OrderSide.BUY);
        monitor.recordArrival(o.id(), Price.of("100"));
        o = move(o, OrderStatus.SUBMITTED, 10);
        fill(o, "100", "99.95", OrderStatus.FILLED, 20);
        // (99.95 - 100) / 100 x 10000 = -5 bps (better)
        assertThat(execution("b").slippageBps()).isCloseTo(-5.0, within(1e-9));
    }

    @Test
    void sellFilledBelowArrivalHasPositiveSlippage() {
        Order o = order("s", OrderSide.SELL);
        monitor.recordArrival(o.id(), Price.of("50"));
        o = move(o, OrderStatus.SUBMITTED, 10);
        fill(o, "100", "49.90", OrderStatus.FILLED, 20);
        // -1 x (49.90 - 50) / 50 x 10000 = +20 bps (worse for a sell)
        assertThat(execution("s").slippageBps()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void sellFilledAboveArrivalHasNegativeSlippage() {
        Order o = order("s", OrderSide.SELL);
        monitor.recordArrival(o.id(), Price.of("50"));
        o = move(o, OrderStatus.SUBMITTED, 10);
        fill(o, "100", "50.05", OrderStatus.FILLED, 20);
        // -1 x (50.05 - 50) / 50 x 10000 = -10 bps
        assertThat(execution("s").slippageBps()).isCloseTo(-10.0, within(1e-9));
    }

    @Test
    void slippageUsesTheAverageOfSeveralFills() {
        Order o = order("b", OrderSide.BUY);
        monitor.recordArrival(o.id(), Price.of("100"));
        o = move(o, OrderStatus.SUBMITTED, 10);
        o = fill(o, "50", "100", OrderStatus.PARTIALLY_FILLED, 20);
        fill(o, "50", "100.20", OrderStatus.FILLED, 30);
        // average 100.10 -> +10 bps; commission 1 + 1 = 2
        OrderExecution e = execution("b");
        assertThat(e.averageFillPrice()).isEqualTo(Price.of("100.10"));
        assertThat(e.slippageBps()).isCloseTo(10.0, within(1e-9));
        assertThat(e.commission()).isEqualTo(Money.of("2"));
    }

    @Test
    void slippageIsNaNWithoutAnArrivalPrice() {
        Order o = move(order("b", OrderSide.BUY), OrderStatus.SUBMITTED, 10);
        fill(o, "100", "100", OrderStatus.FILLED, 20);
        assertThat(execution("b").slippageBps()).isNaN();
    }

    @Test
    void acknowledgementAndFillTimesComeFromOrderUpdates() {
        Order o = move(order("b", OrderSide.BUY), OrderStatus.SUBMITTED, 1_000);
        o = move(o, OrderStatus.ACCEPTED, 1_250);
        o = fill(o, "40", "100", OrderStatus.PARTIALLY_FILLED, 2_000);
        fill(o, "60", "100", OrderStatus.FILLED, 5_000);
        OrderExecution e = execution("b");
        // ack 1250 - 1000 = 250; first fill at 2000; fill 5000 - 1000 = 4000
        assertThat(e.submittedAt()).isEqualTo(1_000);
        assertThat(e.timeToAcknowledge()).isEqualTo(250);
        assertThat(e.firstFillAt()).isEqualTo(2_000);
        assertThat(e.completedAt()).isEqualTo(5_000);
        assertThat(e.timeToFill()).isEqualTo(4_000);
    }

    @Test
    void fillBeforeAcknowledgementCountsAsTheAcknowledgement() {
        Order o = move(order("b", OrderSide.BUY), OrderStatus.SUBMITTED, 1_000);
        fill(o, "100", "100", OrderStatus.FILLED, 1_700);
        OrderExecution e = execution("b");
        assertThat(e.timeToAcknowledge()).isEqualTo(700);
        assertThat(e.timeToFill()).isEqualTo(700);
    }

    @Test
    void acknowledgementIsNotMovedByAReturnToAccepted() {
        Order o = move(order("b", OrderSide.BUY), OrderStatus.SUBMITTED, 1_000);
        o = move(o, OrderStatus.ACCEPTED, 1_100);
        o = move(o, OrderStatus.PENDING_CANCEL, 1_200);
        move(o, OrderStatus.ACCEPTED, 1_300);
        assertThat(execution("b").timeToAcknowledge()).isEqualTo(100);
    }

    @Test
    void canceledOrderHasNoTimeToFill() {
        Order o = move(order("b", OrderSide.BUY), OrderStatus.SUBMITTED, 1_000);
        o = move(o, OrderStatus.ACCEPTED, 1_100);
        o = move(o, OrderStatus.PENDING_CANCEL, 1_200);
        move(o, OrderStatus.CANCELED, 1_300);
        OrderExecution e = execution("b");
        assertThat(e.completedAt()).isEqualTo(1_300);
        assertThat(e.timeToFill()).isEqualTo(-1);
        assertThat(e.firstFillAt()).isEqualTo(-1);
    }

    @Test
    void countsFillsDenialsAndAnomalies() {
        Order o = move(order("b", OrderSide.BUY), OrderStatus.SUBMITTED, 1);
        fill(o, "100", "100", OrderStatus.FILLED, 2);
        Order denied = order("d", OrderSide.BUY).withStatus(OrderStatus.DENIED, 3);
        monitor.on(new OrderDenied(denied, RiskReason.MAX_ORDER_NOTIONAL, "x", 3));
        monitor.on(new OrderDenied(denied, RiskReason.MAX_ORDER_NOTIONAL, "x", 4));
        monitor.on(new AnomalyFlagged(Anomaly.OVERFILL, o.id(), "x", 5));
        assertThat(monitor.fillCount()).isEqualTo(1);
        assertThat(monitor.denialsByReason()).containsEntry("MAX_ORDER_NOTIONAL", 2L);
        assertThat(monitor.anomalies()).extracting(AnomalyFlagged::kind).containsExactly(Anomaly.OVERFILL);
    }

    @Test
    void recordsEquityIntoTheCurve() {
        monitor.recordEquity(1, Money.of("100").raw());
        monitor.recordEquity(2, Money.of("80").raw());
        assertThat(monitor.equityCurve().maxDrawdown()).isEqualTo(Money.of("20"));
    }
}
