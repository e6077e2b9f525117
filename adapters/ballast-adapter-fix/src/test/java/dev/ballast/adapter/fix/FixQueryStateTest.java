package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerState;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderReplaced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.MsgType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.ballast.adapter.fix.FixHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reconciliation: the venue's open orders and positions, asked over the session. */
class FixQueryStateTest {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol MSFT = Symbol.of("MSFT");

    @TempDir
    Path root;

    @Test
    void queryStateReadsTheMassStatusAndThePositions() throws Exception {
        try (FixHarness fix = new FixHarness(root)) {
            tradeABit(fix);

            BrokerState state = fix.broker.queryState().get(20, TimeUnit.SECONDS);

            assertThat(state.openOrders()).isEqualTo(Map.of(ClientOrderId.of("rest-1"), Quantity.of("4.5")));
            assertThat(state.knownOrders()).containsExactlyInAnyOrder(ClientOrderId.of("buy-1"),
                    ClientOrderId.of("rest-1"), ClientOrderId.of("sell-1"));
            assertThat(state.positions()).isEqualTo(Map.of(AAPL, Quantity.of("10"), MSFT, Quantity.of("-3")));
            assertThat(fix.venue.received(MsgType.ORDER_STATUS_REQUEST)).isEmpty();
            // Status reports feed the answer only: they book no fill.
            assertThat(fix.sink.all(Fill.class)).hasSize(2);
        }
    }

    @Test
    void queryStateAsksOrderByOrderWhenTheVenueRefusesMassStatus() throws Exception {
        try (FixHarness fix = new FixHarness(root)) {
            tradeABit(fix);
            fix.venue.refuseMassStatus();

            BrokerState state = fix.broker.queryState().get(20, TimeUnit.SECONDS);

            assertThat(fix.venue.received(MsgType.ORDER_STATUS_REQUEST)).hasSize(3);
            assertThat(state.openOrders()).isEqualTo(Map.of(ClientOrderId.of("rest-1"), Quantity.of("4.5")));
            assertThat(state.knownOrders()).containsExactlyInAnyOrder(ClientOrderId.of("buy-1"),
                    ClientOrderId.of("rest-1"), ClientOrderId.of("sell-1"));
            assertThat(state.positions()).isEqualTo(Map.of(AAPL, Quantity.of("10"), MSFT, Quantity.of("-3")));
        }
    }

    @Test
    void aVenueWithNothingAnswersAnEmptyState() throws Exception {
        try (FixHarness fix = new FixHarness(root)) {
            BrokerState state = fix.broker.queryState().get(20, TimeUnit.SECONDS);
            assertThat(state).isEqualTo(new BrokerState(Map.of(), Map.of(), Set.of()));
        }
    }

    @Test
    void queryStateWithNoAnswerFailsAfterTheTimeoutNamingWhatIsMissing() {
        try (FixHarness fix = new FixHarness(root, null, Duration.ofMillis(500))) {
            fix.venue.goSilent();

            CompletableFuture<BrokerState> query = fix.broker.queryState();

            assertThatThrownBy(() -> query.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("did not answer within 500 ms")
                    .hasMessageContaining("35=AF").hasMessageContaining("35=AN");
        }
    }

    @Test
    void queryStateFailsAtOnceWhenTheSessionIsDown() {
        try (FixHarness fix = new FixHarness(root)) {
            fix.venue.logout();
            fix.sink.awaitConnected(false, 1);

            CompletableFuture<BrokerState> query = fix.broker.queryState();

            assertThat(query).isCompletedExceptionally();
            assertThatThrownBy(query::join).cause().hasMessageContaining("not logged on")
                    .hasMessageContaining("unknown");
        }
    }

    /** A filled buy of AAPL, a filled sell of MSFT, and a replaced AAPL limit order resting with 4.5 open. */
    private static void tradeABit(FixHarness fix) {
        fix.venue.setPrice(AAPL, Price.of("100"));
        fix.venue.setPrice(MSFT, Price.of("400"));
        fix.broker.submit(order("buy-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))));
        fix.broker.submit(order("sell-1", OrderRequest.market(MSFT, OrderSide.SELL, Quantity.of("3"))));
        fix.broker.submit(order("rest-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
        fix.sink.awaitTrue("two fills", () -> fix.sink.all(Fill.class).size() == 2);
        fix.sink.await(OrderAccepted.class, a -> a.orderId().equals(ClientOrderId.of("rest-1")));
        fix.broker.modify(ClientOrderId.of("rest-1"), Quantity.of("4.5"), null, null);
        fix.sink.await(OrderReplaced.class);
    }
}
