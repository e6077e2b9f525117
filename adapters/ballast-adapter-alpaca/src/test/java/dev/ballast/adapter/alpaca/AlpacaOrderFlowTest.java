package dev.ballast.adapter.alpaca;

import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Orders through the adapter to the fake Alpaca and back, over real HTTP and a real WebSocket on loopback. */
class AlpacaOrderFlowTest {

    @Test
    void aMarketOrderIsAcceptedUnderAlpacasIdAndFilledWithTheFillsOwnQuantityAndPrice() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.setPrice("AAPL", "187.2345");
            Order order = bench.market("AAPL", OrderSide.BUY, "10");
            bench.broker.submit(order);

            Fill fill = bench.sink.await(Fill.class);
            OrderAccepted accepted = bench.sink.await(OrderAccepted.class);
            assertThat(accepted.orderId()).isEqualTo(order.id());
            assertThat(accepted.venueOrderId()).isNotBlank().isNotEqualTo(order.id().value());
            assertThat(fill.orderId()).isEqualTo(order.id());
            assertThat(fill.tradeId()).startsWith("alpaca-");
            assertThat(fill.quantity()).isEqualTo(Quantity.ofUnits(10));
            assertThat(fill.side()).isEqualTo(OrderSide.BUY);
            assertThat(fill.symbol().value()).isEqualTo("AAPL");
        }
    }

    @Test
    void aPriceLike187_2345IsReadIntoFixedPointExactly() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.setPrice("AAPL", "187.2345");
            bench.broker.submit(bench.market("AAPL", OrderSide.BUY, "0.1"));

            Fill fill = bench.sink.await(Fill.class);
            assertThat(fill.price()).isEqualTo(Price.of("187.2345"));
            assertThat(fill.price().raw()).isEqualTo(18_723_450_000L);
            assertThat(fill.quantity().raw()).isEqualTo(10_000_000L);
        }
    }

    @Test
    void anOrderGoesOutUnderBallastsClientOrderIdWithExactDecimalText() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order order = bench.limit("MSFT", OrderSide.SELL, "3.5", "412.0125");
            bench.broker.submit(order);
            bench.sink.await(OrderAccepted.class);

            assertThat(bench.fake.orderPosts()).singleElement().satisfies(body -> {
                assertThat(body.get("client_order_id").asText()).isEqualTo(order.id().value());
                assertThat(body.get("qty").asText()).isEqualTo("3.5");
                assertThat(body.get("limit_price").asText()).isEqualTo("412.0125");
                assertThat(body.get("side").asText()).isEqualTo("sell");
                assertThat(body.get("type").asText()).isEqualTo("limit");
                assertThat(body.get("time_in_force").asText()).isEqualTo("gtc");
            });
        }
    }

    @Test
    void aNewThatTheStreamBringsAfterARefusedCancelIsNotReportedAsAnAcceptance() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.setPrice("AAPL", "187.25");
            bench.fake.holdEvents(); // the stream lags: the order is filled before its "new" and fill arrive
            Order order = bench.market("AAPL", OrderSide.BUY, "10");
            bench.broker.submit(order);
            bench.broker.cancel(order.id());
            // Alpaca answers the cancel first: too late, filled. The engine takes the order as working (accepted).
            assertThat(bench.sink.await(CancelRejected.class).reason()).contains("not cancelable");

            bench.fake.releaseEvents();

            bench.sink.await(Fill.class);
            assertThat(bench.sink.reports(OrderAccepted.class)).as("the late 'new' is stale: reported, the engine "
                    + "would refuse ACCEPTED -> ACCEPTED").isEmpty();
        }
    }

    @Test
    void partialFillsReportEachFillsOwnQuantityAndPrice() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order order = bench.limit("AAPL", OrderSide.BUY, "10", "101");
            bench.broker.submit(order);
            bench.sink.await(OrderAccepted.class);

            bench.fake.fill(order.id().value(), "3", "100.5");
            bench.fake.fill(order.id().value(), "7", "100.25");

            RecordingSink.awaitCondition("two fills", () -> bench.sink.reports(Fill.class).size() == 2);
            assertThat(bench.sink.reports(Fill.class)).extracting(Fill::quantity, Fill::price).containsExactly(
                    tuple(Quantity.of("3"), Price.of("100.5")),
                    tuple(Quantity.of("7"), Price.of("100.25")));
        }
    }

    @Test
    void aCancelOfAWorkingOrderIsConfirmedByTheStream() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order order = bench.limit("AAPL", OrderSide.BUY, "10", "90");
            bench.broker.submit(order);
            bench.broker.cancel(order.id());

            OrderCanceled canceled = bench.sink.await(OrderCanceled.class);
            assertThat(canceled.orderId()).isEqualTo(order.id());
            assertThat(bench.fake.status(order.id().value())).isEqualTo("canceled");
        }
    }

    @Test
    void aCancelOfAFilledOrderIsRejectedWithAlpacasMessage() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.setPrice("AAPL", "100");
            Order order = bench.market("AAPL", OrderSide.BUY, "1");
            bench.broker.submit(order);
            bench.sink.await(Fill.class);
            bench.broker.cancel(order.id());

            CancelRejected rejected = bench.sink.await(CancelRejected.class);
            assertThat(rejected.orderId()).isEqualTo(order.id());
            assertThat(rejected.reason()).contains("422").contains("order is not cancelable");
        }
    }

    @Test
    void aModifyIsReportedAsReplacedAndTheReplacementsFillsBelongToTheSameBallastOrder() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order order = bench.limit("AAPL", OrderSide.BUY, "10", "90");
            bench.broker.submit(order);
            bench.sink.await(OrderAccepted.class);
            bench.broker.modify(order.id(), Quantity.of("12"), Price.of("91.5"), null);

            OrderReplaced replaced = bench.sink.await(OrderReplaced.class);
            assertThat(replaced.orderId()).isEqualTo(order.id());
            assertThat(replaced.quantity()).isEqualTo(Quantity.of("12"));
            assertThat(replaced.limitPrice()).isEqualTo(Price.of("91.5"));

            bench.fake.fill(order.id().value(), "12", "91.5");
            Fill fill = bench.sink.await(Fill.class);
            assertThat(fill.orderId()).isEqualTo(order.id());

            bench.broker.cancel(order.id());
            assertThat(bench.sink.await(CancelRejected.class).reason()).contains("not cancelable");
        }
    }

    @Test
    void aVenueRefusalIsRejectedWithTheStatusAndAlpacasMessageAndNotRetried() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order order = bench.market("AAPL", OrderSide.BUY, "0");
            bench.broker.submit(order);

            OrderRejected rejected = bench.sink.await(OrderRejected.class);
            assertThat(rejected.reason()).contains("422").contains("qty must be > 0");
            assertThat(bench.fake.orderPosts()).hasSize(1);
        }
    }

    @Test
    void submitReturnsAtOnceAndOneOrdersCancelWaitsForItsSubmit() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.holdOrderPosts();
            Order order = bench.limit("AAPL", OrderSide.BUY, "10", "90");
            // Both return while the venue sits on the post: the engine thread is never blocked.
            bench.broker.submit(order);
            bench.broker.cancel(order.id());
            RecordingSink.awaitCondition("the post to reach the fake", () -> !bench.fake.orderPosts().isEmpty());
            assertThat(bench.sink.reports()).isEmpty();

            bench.fake.releaseOrderPosts();
            OrderCanceled canceled = bench.sink.await(OrderCanceled.class);
            assertThat(canceled.orderId()).isEqualTo(order.id());
            assertThat(bench.sink.reports(CancelRejected.class)).isEmpty();
        }
    }
}
