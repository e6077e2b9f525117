package dev.ballast.adapter.alpaca;

import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.Secret;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.ReplaceRejected;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The trade_updates stream: connection, events, their repeats and disorder, and its death and return. */
class AlpacaStreamTest {

    @Test
    void theStreamIsConnectedOnlyAfterAuthAndListenSucceed() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            assertThat(bench.sink.connections()).singleElement()
                    .satisfies(change -> assertThat(change.connected()).isTrue());
            assertThat(bench.fake.isStreaming()).isTrue();
        }
    }

    @Test
    void wrongCredentialsAreRefusedByStreamAndRestAndNeverConnect() throws Exception {
        try (AlpacaFake fake = new AlpacaFake()) {
            AlpacaSettings right = fake.settings();
            AlpacaSettings wrong = new AlpacaSettings(right.tradingUrl(), right.streamUrl(), right.keyId(),
                    Secret.of("not-the-secret"), right.streamSilence(), right.maxRequestsPerMinute(), right.queryTimeout());
            try (AlpacaTestBench bench = AlpacaTestBench.on(fake, wrong)) {
                Order order = bench.limit("AAPL", OrderSide.BUY, "1", "100");
                bench.broker.submit(order);
                OrderRejected rejected = bench.sink.await(OrderRejected.class);
                assertThat(rejected.reason()).contains("401").contains("not authorized");
                assertThat(fake.isStreaming()).isFalse();
                assertThat(bench.sink.connections()).isEmpty();
            }
        }
    }

    @Test
    void aRepeatedExecutionIsReportedOnce() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.repeatEvents(true);
            bench.fake.setPrice("AAPL", "100");
            Order order = bench.market("AAPL", OrderSide.BUY, "2");
            bench.broker.submit(order);
            bench.sink.await(Fill.class);
            // A later event on the same stream proves the repeats were read before it.
            Order marker = bench.limit("MSFT", OrderSide.BUY, "1", "10");
            bench.broker.submit(marker);
            bench.sink.await(OrderAccepted.class, accepted -> accepted.orderId().equals(marker.id()));

            assertThat(bench.sink.reports(Fill.class)).hasSize(1);
            assertThat(bench.sink.reports(OrderAccepted.class)).filteredOn(a -> a.orderId().equals(order.id())).hasSize(1);
        }
    }

    @Test
    void aFillBeforeNewIsReportedAndTheLateNewChangesNothing() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.fillBeforeNew(true);
            bench.fake.setPrice("AAPL", "100");
            Order order = bench.market("AAPL", OrderSide.BUY, "2");
            bench.broker.submit(order);
            bench.sink.await(Fill.class);
            Order marker = bench.limit("MSFT", OrderSide.BUY, "1", "10");
            bench.broker.submit(marker);
            bench.sink.await(OrderAccepted.class, accepted -> accepted.orderId().equals(marker.id()));

            assertThat(bench.sink.reports()).filteredOn(report -> report.orderId().equals(order.id()))
                    .singleElement().isInstanceOf(Fill.class);
        }
    }

    @Test
    void tradeCorrectAndTradeBustBecomeFillCorrectedAndFillBustedOfTheSameTrade() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.setPrice("AAPL", "100");
            Order order = bench.market("AAPL", OrderSide.BUY, "2");
            bench.broker.submit(order);
            Fill fill = bench.sink.await(Fill.class);
            String executionId = fill.tradeId().substring("alpaca-".length());

            bench.fake.correct(executionId, "2", "99.95");
            FillCorrected corrected = bench.sink.await(FillCorrected.class);
            assertThat(corrected.tradeId()).isEqualTo(fill.tradeId());
            assertThat(corrected.orderId()).isEqualTo(order.id());
            assertThat(corrected.price()).isEqualTo(Price.of("99.95"));
            assertThat(corrected.quantity()).isEqualTo(Quantity.of("2"));

            bench.fake.bust(executionId);
            FillBusted busted = bench.sink.await(FillBusted.class);
            assertThat(busted.tradeId()).isEqualTo(fill.tradeId());
            assertThat(busted.bustId()).isNotEqualTo(corrected.correctionId());
        }
    }

    @Test
    void expiryRejectionsRefusalsAndDoneForDayOfADayOrderAreReportedAndPendingEventsChangeNothing() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            Order day = bench.order(OrderRequest.limit(Symbol.of("AAPL"), OrderSide.BUY, Quantity.of("1"), Price.of("90"))
                    .withTimeInForce(TimeInForce.DAY));
            Order gtc = bench.limit("AAPL", OrderSide.BUY, "1", "90");
            Order other = bench.limit("AAPL", OrderSide.BUY, "1", "90");
            for (Order order : new Order[]{day, gtc, other}) {
                bench.broker.submit(order);
                bench.sink.await(OrderAccepted.class, accepted -> accepted.orderId().equals(order.id()));
            }
            bench.fake.emit("pending_cancel", gtc.id().value(), null);
            bench.fake.emit("done_for_day", gtc.id().value(), null);
            bench.fake.emit("done_for_day", day.id().value(), "done_for_day");
            bench.fake.emit("order_cancel_rejected", other.id().value(), null);
            bench.fake.emit("order_replace_rejected", other.id().value(), null);
            bench.fake.emit("expired", other.id().value(), "expired");

            assertThat(bench.sink.await(OrderExpired.class, e -> e.orderId().equals(day.id()))).isNotNull();
            assertThat(bench.sink.await(CancelRejected.class).orderId()).isEqualTo(other.id());
            assertThat(bench.sink.await(ReplaceRejected.class).orderId()).isEqualTo(other.id());
            bench.sink.await(OrderExpired.class, e -> e.orderId().equals(other.id()));
            assertThat(bench.sink.reports()).filteredOn(report -> report.orderId().equals(gtc.id())).hasSize(1);

            Order refused = bench.limit("AAPL", OrderSide.BUY, "1", "90");
            bench.broker.submit(refused);
            bench.sink.await(OrderAccepted.class, accepted -> accepted.orderId().equals(refused.id()));
            bench.fake.emit("rejected", refused.id().value(), "rejected");
            assertThat(bench.sink.await(OrderRejected.class).orderId()).isEqualTo(refused.id());
        }
    }

    @Test
    void garbageOnTheStreamIsSkippedAndTheStreamGoesOn() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.sendRaw("not json at all");
            bench.fake.sendRaw("{\"stream\":\"trade_updates\",\"data\":{\"event\":\"fill\"}}");
            bench.fake.setPrice("AAPL", "100");
            bench.broker.submit(bench.market("AAPL", OrderSide.BUY, "1"));
            assertThat(bench.sink.await(Fill.class).price()).isEqualTo(Price.of("100"));
            assertThat(bench.sink.connections()).hasSize(1);
        }
    }

    @Test
    void aClosedStreamIsReportedDownAndReconnected() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.dropStream();
            bench.sink.awaitConnections(3);
            assertThat(bench.sink.connections()).extracting(BrokerConnectionChanged::connected)
                    .containsExactly(true, false, true);
        }
    }

    @Test
    void aSilentStreamIsDetectedReconnectedAndQueryStateBooksTheMissedFillOnce() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.setPrice("AAPL", "187.2345");
            Order before = bench.market("AAPL", OrderSide.BUY, "1");
            bench.broker.submit(before);
            bench.sink.await(Fill.class);

            // The stream stops without closing; a fill happens meanwhile and is lost to it.
            bench.fake.stallStream();
            Order during = bench.limit("AAPL", OrderSide.BUY, "4", "187");
            bench.broker.submit(during);
            RecordingSink.awaitCondition("the order at the fake", () -> bench.fake.ordersWithClientId(during.id().value()) == 1);
            bench.fake.fill(during.id().value(), "4", "186.9905");

            bench.sink.awaitConnections(3);
            assertThat(bench.sink.connections()).extracting(BrokerConnectionChanged::connected)
                    .containsExactly(true, false, true);
            assertThat(bench.sink.connections().get(1).detail()).contains("silent");
            assertThat(bench.sink.reports(Fill.class)).hasSize(1);

            // What the runtime does after every reconnect; asked twice, the missed fill is still booked once.
            BrokerState state = bench.broker.queryState().get(10, TimeUnit.SECONDS);
            bench.broker.queryState().get(10, TimeUnit.SECONDS);
            assertThat(bench.sink.reports(Fill.class)).hasSize(2);
            Fill missed = bench.sink.reports(Fill.class).get(1);
            assertThat(missed.orderId()).isEqualTo(during.id());
            assertThat(missed.quantity()).isEqualTo(Quantity.of("4"));
            assertThat(missed.price()).isEqualTo(Price.of("186.9905"));
            assertThat(state.positions()).containsEntry(Symbol.of("AAPL"), Quantity.of("5"));
            assertThat(state.openOrders()).isEmpty();
            assertThat(state.knownOrders()).containsExactlyInAnyOrder(before.id(), during.id());
        }
    }

    @Test
    void aFillMissedWhileTheStreamWasDownIsRecoveredThoughTheNewStreamBroughtALaterFillFirst() throws Exception {
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            bench.fake.setPrice("AAPL", "187.2345");
            bench.broker.submit(bench.market("AAPL", OrderSide.BUY, "1"));
            bench.sink.await(Fill.class);
            bench.fake.stallStream();
            Order during = bench.limit("AAPL", OrderSide.BUY, "4", "187");
            bench.broker.submit(during);
            RecordingSink.awaitCondition("the order at the fake", () -> bench.fake.ordersWithClientId(during.id().value()) == 1);
            bench.fake.fill(during.id().value(), "4", "186.9905");
            bench.sink.awaitConnections(3);

            // Before the runtime gets to ask for the state, the new stream brings a fill made seconds after the missed
            // one: the recovery must still read from before the gap, not from the latest fill reported.
            bench.fake.advanceClock(Duration.ofSeconds(5));
            Order after = bench.market("AAPL", OrderSide.BUY, "2");
            bench.broker.submit(after);
            bench.sink.await(Fill.class, fill -> fill.orderId().equals(after.id()));
            bench.broker.queryState().get(10, TimeUnit.SECONDS);

            assertThat(bench.sink.reports(Fill.class)).extracting(Fill::orderId).hasSize(3).contains(during.id());
        }
    }

    @Test
    void textFramesAsOnTheLiveStreamAreReadLikeThePaperStreamsBinaryOnes() throws Exception {
        try (AlpacaFake fake = new AlpacaFake()) {
            fake.textFrames(true);
            try (AlpacaTestBench bench = AlpacaTestBench.on(fake, fake.settings())) {
                bench.sink.awaitConnections(1);
                fake.setPrice("AAPL", "187.2345");
                bench.broker.submit(bench.market("AAPL", OrderSide.BUY, "1"));
                assertThat(bench.sink.await(Fill.class).price()).isEqualTo(Price.of("187.2345"));
            }
        }
    }
}
