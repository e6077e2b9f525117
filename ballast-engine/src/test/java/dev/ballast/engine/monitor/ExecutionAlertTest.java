package dev.ballast.engine.monitor;

import org.assertj.core.api.Assertions;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.ExecutionAlert;
import dev.ballast.model.event.OrderUpdated;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts when an order completes outside the band; exactly at the edge is inside. */
class ExecutionAlertTest {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final long MS = 1_000_000L;
    private final ExecutionMonitor monitor = new ExecutionMonitor();
    private final List<ExecutionAlert> sink = new ArrayList<>();

    /** Buys 100 at {@code price} against an arrival of 100: slippage = (price - 100) / 100 x 10,000 bps. */
    private void buy(String id, String price, long submitted, long filled) {
        Order order = Order.initialized(ClientOrderId.of(id), StrategyId.of("s"),
                OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("100")), 0, BracketRole.NONE, null);
        monitor.recordArrival(order.id(), Price.of("100"));
        Order submitted1 = order.withStatus(OrderStatus.SUBMITTED, submitted);
        monitor.on(new OrderUpdated(submitted1, order.status(), submitted));
        Order done = submitted1.withFill(Quantity.of("100"), Price.of(price), filled).withStatus(OrderStatus.FILLED, filled);
        monitor.on(new OrderUpdated(done, submitted1.status(), filled));
    }

    @Test
    void slippageAtTheEdgeIsInsideAndBeyondIsAnAlert() {
        monitor.setAlertBands(new AlertBands(5.0, null), sink::add);
        buy("edge", "100.05", 0, MS);      // (100.05 - 100) / 100 = 5 bps: at the edge, no alert
        buy("beyond", "100.06", 0, MS);    // 6 bps > 5: alert
        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ExecutionAlert.Kind.SLIPPAGE);
            assertThat(a.orderId()).isEqualTo(ClientOrderId.of("beyond"));
            assertThat(a.value()).isCloseTo(6.0, Assertions.within(1e-9));
            assertThat(a.limit()).isEqualTo(5.0);
            assertThat(a.timestamp()).isEqualTo(MS);
        });
        assertThat(sink).isEqualTo(monitor.alerts());
    }

    @Test
    void timeToFillAtTheEdgeIsInsideAndBeyondIsAnAlert() {
        monitor.setAlertBands(new AlertBands(null, 10.0), null);
        buy("edge", "200", 0, 10 * MS);          // 10 ms: at the edge (and slippage is off)
        buy("beyond", "100", 0, 10 * MS + 1);    // 10.000001 ms: alert
        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ExecutionAlert.Kind.TIME_TO_FILL);
            assertThat(a.orderId()).isEqualTo(ClientOrderId.of("beyond"));
        });
    }

    @Test
    void noBandsNoAlerts() {
        buy("a", "150", 0, 1_000 * MS);
        assertThat(monitor.alerts()).isEmpty();
    }
}
