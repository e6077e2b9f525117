package dev.ballast.adapter.alpaca;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter's own list of the orders it posted ({@code alpaca-posted-orders.txt}), written just before each post
 * leaves: what lets a resumed run tell an order that never left the process (killed between its journal record and
 * its post) from one Alpaca may have; and of the executions the journal holds, which a restarted adapter does not
 * report again.
 */
class AlpacaPostedOrdersTest {
    @TempDir
    Path folder;

    @Test
    void anOrderNeverPostedIsProvedNeverSent() throws Exception {
        try (AlpacaTestBench bench = keepingPostedOrders(folder)) {
            assertThat(bench.broker.mayHaveSent(ClientOrderId.of("alpha-1"))).isFalse();
        }
    }

    @Test
    void anOrderPostedBeforeARestartMayHaveBeenSentAndOneNeverPostedWasNot() throws Exception {
        try (AlpacaFake fake = new AlpacaFake()) {
            AlpacaTestBench first = AlpacaTestBench.keepingPostedOrders(fake, fake.settings(), folder);
            Order order = first.limit("AAPL", OrderSide.BUY, "5", "100");
            first.broker.submit(order);
            first.sink.await(OrderAccepted.class);
            assertThat(first.broker.mayHaveSent(order.id())).as("posted by this process").isTrue();
            first.broker.close();

            AlpacaTestBench restarted = AlpacaTestBench.keepingPostedOrders(fake, fake.settings(), folder);
            assertThat(restarted.broker.mayHaveSent(order.id())).as("posted by an earlier process of the run").isTrue();
            assertThat(restarted.broker.mayHaveSent(ClientOrderId.of("alpha-2"))).isFalse();
            restarted.broker.close();
        }
    }

    @Test
    void anOrderStillWaitingForTheRateLimitWhenTheAdapterStopsWasNeverSent() throws Exception {
        try (AlpacaFake fake = new AlpacaFake()) {
            AlpacaSettings onePerMinute = new AlpacaSettings(fake.tradingUrl(), fake.streamUrl(), AlpacaFake.KEY_ID,
                    fake.settings().secretKey(), Duration.ofSeconds(1), 1, Duration.ofSeconds(2));
            AlpacaTestBench first = AlpacaTestBench.keepingPostedOrders(fake, onePerMinute, folder);
            Order sent = first.limit("AAPL", OrderSide.BUY, "5", "100");
            Order waiting = first.limit("AAPL", OrderSide.BUY, "6", "100");
            first.broker.submit(sent);
            first.sink.await(OrderAccepted.class);
            // The minute's one request is spent: it waits in the rate limiter, and the adapter stops (had the stop come
            // before its worker started, it would never have started: never sent either way).
            first.broker.submit(waiting);
            first.broker.close();

            AlpacaTestBench restarted = AlpacaTestBench.keepingPostedOrders(fake, fake.settings(), folder);
            assertThat(fake.orderPosts()).singleElement()
                    .satisfies(post -> assertThat(post.get("client_order_id").asText()).isEqualTo(sent.id().value()));
            assertThat(restarted.broker.mayHaveSent(sent.id())).isTrue();
            assertThat(restarted.broker.mayHaveSent(waiting.id())).as("queued, never posted").isFalse();
            restarted.broker.close();
        }
    }

    @Test
    void anOrderWhosePostCannotBeRecordedIsRejectedAndNeverPosted() throws Exception {
        try (AlpacaTestBench bench = keepingPostedOrders(folder)) {
            Files.delete(folder.resolve(PostedOrdersFile.NAME)); // the list is gone: the order must not go out unrecorded
            Order order = bench.limit("AAPL", OrderSide.BUY, "5", "100");
            bench.broker.submit(order);

            OrderRejected rejected = bench.sink.await(OrderRejected.class);
            assertThat(rejected.reason()).contains("not sent to Alpaca").contains(PostedOrdersFile.NAME);
            assertThat(bench.fake.orderPosts()).isEmpty();
            assertThat(bench.broker.mayHaveSent(order.id())).isFalse();
        }
    }

    @Test
    void afterARestartTheStateQueryReportsAgainOnlyTheFillsTheJournalDidNotHold() throws Exception {
        try (AlpacaFake fake = new AlpacaFake()) {
            fake.setPrice("AAPL", "187.25");
            Instant runStart = Instant.now();
            AlpacaTestBench first = AlpacaTestBench.keepingPostedOrders(fake, fake.settings(), folder, runStart);
            Order journaled = first.market("AAPL", OrderSide.BUY, "1");
            first.broker.submit(journaled);
            first.sink.await(Fill.class);
            first.sink.withholdReceipts(); // killed before the journal held the next fill
            Order lost = first.market("AAPL", OrderSide.BUY, "2");
            first.broker.submit(lost);
            first.sink.await(Fill.class, fill -> fill.orderId().equals(lost.id()));
            first.broker.close();

            AlpacaTestBench restarted = AlpacaTestBench.keepingPostedOrders(fake, fake.settings(), folder, runStart);
            restarted.broker.queryState().get(10, TimeUnit.SECONDS);

            assertThat(restarted.sink.reports(Fill.class)).extracting(Fill::orderId).containsExactly(lost.id());
            restarted.broker.close();
        }
    }

    private static AlpacaTestBench keepingPostedOrders(Path folder) {
        AlpacaFake fake = new AlpacaFake();
        return AlpacaTestBench.keepingPostedOrders(fake, fake.settings(), folder);
    }

    @Test
    void aLastLineTornByAKillIsNoOrderAndIsCutBeforeTheNextAppend() throws Exception {
        Path list = folder.resolve(PostedOrdersFile.NAME);
        Files.writeString(list, "Bx-alpha-1\nBx-alph", StandardCharsets.UTF_8);

        PostedOrdersFile posted = new PostedOrdersFile(folder);
        posted.append(ClientOrderId.of("Bx-alpha-2"));

        assertThat(posted.contains(ClientOrderId.of("Bx-alpha-1"))).isTrue();
        assertThat(posted.contains(ClientOrderId.of("Bx-alph"))).isFalse();
        assertThat(Files.readString(list)).isEqualTo("Bx-alpha-1\nBx-alpha-2\n");
        assertThat(new PostedOrdersFile(folder).contains(ClientOrderId.of("Bx-alpha-2"))).isTrue();
    }
}
