package dev.ballast.adapter.alpaca;

import dev.ballast.engine.broker.BrokerState;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderReplaced;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** queryState: what Alpaca holds, read after a reconnect; unknown is never flat. */
class AlpacaStateQueryTest {

    @Test
    void queryStateListsOpenOrdersWithTheirRemainderPositionsAndEveryKnownOrder() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.setPrice("AAPL", "100");
            Order filled = bench.market("AAPL", OrderSide.SELL, "3");
            Order partial = bench.limit("MSFT", OrderSide.BUY, "10", "400");
            Order replaced = bench.limit("MSFT", OrderSide.BUY, "5", "390");
            bench.broker.submit(filled);
            bench.broker.submit(partial);
            bench.broker.submit(replaced);
            bench.sink.await(Fill.class);
            bench.sink.await(OrderAccepted.class, a -> a.orderId().equals(partial.id()));
            bench.sink.await(OrderAccepted.class, a -> a.orderId().equals(replaced.id()));
            bench.fake.fill(partial.id().value(), "4", "399.5");
            bench.broker.modify(replaced.id(), Quantity.of("6"), Price.of("391"), null);
            bench.sink.await(OrderReplaced.class);
            RecordingSink.awaitCondition("two fills", () -> bench.sink.reports(Fill.class).size() == 2);

            BrokerState state = bench.broker.queryState().get(10, TimeUnit.SECONDS);

            assertThat(state.openOrders()).containsOnly(
                    entry(partial.id(), Quantity.of("6")),
                    entry(replaced.id(), Quantity.of("6")));
            assertThat(state.positions()).containsOnly(
                    entry(Symbol.of("AAPL"), Quantity.of("-3")),
                    entry(Symbol.of("MSFT"), Quantity.of("4")));
            // The replacement has a client id Alpaca made up; it is known under Ballast's.
            assertThat(state.knownOrders()).containsExactlyInAnyOrder(filled.id(), partial.id(), replaced.id());
            assertThat(bench.sink.reports(Fill.class)).hasSize(2);
        }
    }

    @Test
    void aFailedStateRequestFailsTheQueryNamingWhatFailed() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.failNextRequests("GET /v2/positions", 500);

            assertThatThrownBy(() -> bench.broker.queryState().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("GET /v2/positions").hasMessageContaining("HTTP 500");
        }
    }

    @Test
    void anUnansweredStateRequestFailsTheQuery() throws Exception {
        AlpacaFake fake = new AlpacaFake();
        AlpacaSettings settings = fake.settings();
        fake.close();
        try (AlpacaBroker broker = new AlpacaBroker(settings, AlpacaTestBench.WALL_CLOCK)) {
            broker.connect(new RecordingSink());
            assertThatThrownBy(() -> broker.queryState().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("cannot read Alpaca's state").hasMessageContaining("got no answer");
        }
    }

    @Test
    void fillsMadeWhileTheStreamWasDownAreRecoveredOnceAcrossManyQueries() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order order = bench.limit("AAPL", OrderSide.BUY, "10", "100");
            bench.broker.submit(order);
            bench.sink.await(OrderAccepted.class);
            bench.fake.dropStream();
            bench.sink.awaitConnections(2);
            bench.fake.fill(order.id().value(), "2", "99.99");
            bench.fake.fill(order.id().value(), "3", "99.98");

            for (int i = 0; i < 3; i++) bench.broker.queryState().get(10, TimeUnit.SECONDS);

            assertThat(bench.sink.reports(Fill.class)).extracting(Fill::quantity)
                    .containsExactly(Quantity.of("2"), Quantity.of("3"));
            assertThat(bench.sink.reports(Fill.class)).extracting(Fill::tradeId).doesNotHaveDuplicates();
        }
    }
}
