package dev.ballast.adapter.alpaca;

import dev.ballast.adapter.alpaca.AlpacaFake.PostFailure;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderRejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the adapter does when Alpaca's REST answers fail: never a second order, bounded retries, a clear reject. */
class AlpacaRetryTest {

    @Test
    void aServerErrorThatCreatedTheOrderIsFoundByItsClientIdAndNotSentAgain() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.failNextOrderPosts(PostFailure.SERVER_ERROR_AFTER_CREATING);
            Order order = bench.limit("AAPL", OrderSide.BUY, "5", "100");
            bench.broker.submit(order);

            OrderAccepted accepted = bench.sink.await(OrderAccepted.class);
            assertThat(accepted.orderId()).isEqualTo(order.id());
            assertThat(bench.fake.orderPosts()).hasSize(1);
            assertThat(bench.fake.requests()).anyMatch(r -> r.startsWith("GET /v2/orders:by_client_order_id?client_order_id="
                    + order.id().value()));
            // The lookup linked Alpaca's id: a cancel reaches the order.
            bench.broker.cancel(order.id());
            assertThat(bench.sink.await(OrderCanceled.class).orderId()).isEqualTo(order.id());
        }
    }

    @Test
    void aServerErrorWithoutTheOrderIsRetriedUnderTheSameClientOrderId() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.failNextOrderPosts(PostFailure.SERVER_ERROR);
            Order order = bench.limit("AAPL", OrderSide.BUY, "5", "100");
            bench.broker.submit(order);

            bench.broker.cancel(order.id());
            bench.sink.await(OrderCanceled.class);
            assertThat(bench.fake.orderPosts()).hasSize(2)
                    .allSatisfy(body -> assertThat(body.get("client_order_id").asText()).isEqualTo(order.id().value()));
            assertThat(bench.fake.ordersWithClientId(order.id().value())).isEqualTo(1);
        }
    }

    @Test
    void aDuplicateClientOrderIdOnARetryLooksTheOrderUpAndNeverSendsANewId() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            // The order is created but the answer lost, and the lookup fails too: the retry meets the 422.
            bench.fake.failNextOrderPosts(PostFailure.SERVER_ERROR_AFTER_CREATING);
            bench.fake.failNextRequests("GET /v2/orders:by_client_order_id", 503);
            Order order = bench.limit("AAPL", OrderSide.BUY, "5", "100");
            bench.broker.submit(order);

            // The cancel waits in the order's lane for the submit to finish, and needs the Alpaca id it found.
            bench.broker.cancel(order.id());
            assertThat(bench.sink.await(OrderCanceled.class).orderId()).isEqualTo(order.id());

            assertThat(bench.fake.orderPosts()).hasSize(2)
                    .allSatisfy(body -> assertThat(body.get("client_order_id").asText()).isEqualTo(order.id().value()));
            assertThat(bench.fake.ordersWithClientId(order.id().value())).isEqualTo(1);
            assertThat(bench.sink.reports(OrderAccepted.class)).hasSize(1);
            assertThat(bench.sink.reports(OrderRejected.class)).isEmpty();
        }
    }

    @Test
    void aRateLimitedOrderWaitsForTheResetTimeAndIsThenSent() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.failNextOrderPosts(PostFailure.RATE_LIMITED);
            Order order = bench.limit("AAPL", OrderSide.BUY, "5", "100");
            bench.broker.submit(order);

            bench.broker.cancel(order.id());
            assertThat(bench.sink.await(OrderCanceled.class).orderId()).isEqualTo(order.id());
            assertThat(bench.fake.orderPosts()).hasSize(2);
            assertThat(bench.fake.ordersWithClientId(order.id().value())).isEqualTo(1);
        }
    }

    @Test
    void anOrderThatKeepsFailingIsRejectedNamingTheStatusAndAlpacasMessage() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.failNextOrderPosts(PostFailure.SERVER_ERROR, PostFailure.SERVER_ERROR, PostFailure.SERVER_ERROR,
                    PostFailure.SERVER_ERROR, PostFailure.SERVER_ERROR, PostFailure.SERVER_ERROR);
            Order order = bench.limit("AAPL", OrderSide.BUY, "5", "100");
            bench.broker.submit(order);

            OrderRejected rejected = bench.sink.await(OrderRejected.class);
            assertThat(rejected.orderId()).isEqualTo(order.id());
            assertThat(rejected.reason()).contains("gave up").contains("HTTP 500").contains("internal server error");
            assertThat(bench.fake.orderPosts()).hasSize(RetryPolicy.DEFAULT.maxAttempts());
            assertThat(bench.fake.ordersWithClientId(order.id().value())).isZero();
        }
    }

    @Test
    void aCancelThatKeepsFailingIsRejectedNamingTheStatus() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order order = bench.limit("AAPL", OrderSide.BUY, "5", "100");
            bench.broker.submit(order);
            bench.sink.await(OrderAccepted.class);
            bench.fake.failNextRequests("DELETE /v2/orders/", 500, 500, 500, 500, 500);
            bench.broker.cancel(order.id());

            CancelRejected rejected = bench.sink.await(CancelRejected.class);
            assertThat(rejected.reason()).contains("gave up").contains("HTTP 500");
            assertThat(bench.fake.status(order.id().value())).isEqualTo("new");
        }
    }

    @Test
    void aCancelForAnOrderAlpacaNeverHadIsRejected() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order order = bench.limit("AAPL", OrderSide.BUY, "5", "100");
            bench.broker.cancel(order.id());
            assertThat(bench.sink.await(CancelRejected.class).reason()).contains("not known at Alpaca");
        }
    }
}
