package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.Secret;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderRejected;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.ballast.adapter.fix.FixHarness.order;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's life: logon and logout, disconnects with fills in between, restarts of the venue and of the adapter
 * on their stores, and the password. Reconnects wait for the adapter's reconnect interval, so these run as system
 * tests.
 */
@Tag("system")
class FixSessionTest {
    private static final Symbol AAPL = Symbol.of("AAPL");

    @TempDir
    Path root;

    @Test
    void logonAndLogoutPostConnectionChanges() {
        try (FixHarness fix = new FixHarness(root)) {
            assertThat(fix.sink.connections.getFirst().connected()).isTrue();

            fix.venue.logout();
            fix.sink.awaitConnected(false, 1);
            fix.venue.allowLogon();
            fix.sink.awaitConnected(true, 2);

            assertThat(fix.sink.connections).extracting(c -> c.connected()).containsExactly(true, false, true);
            assertThat(fix.sink.connections.get(1).detail()).contains("logged out");
        }
    }

    @Test
    void fillsSentWhileDisconnectedArriveAfterTheReconnectExactlyOnce() {
        try (FixHarness fix = new FixHarness(root)) {
            fix.venue.setAutoFill(false);
            fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))));
            fix.sink.await(OrderAccepted.class);
            String before = fix.venue.fill("s-1", Quantity.of("1"), Price.of("100"));
            fix.sink.await(Fill.class);

            fix.venue.logout();
            fix.sink.awaitConnected(false, 1);
            String whileDown1 = fix.venue.fill("s-1", Quantity.of("2"), Price.of("100.5"));
            String whileDown2 = fix.venue.fill("s-1", Quantity.of("3"), Price.of("101"));
            fix.venue.allowLogon();
            fix.sink.awaitConnected(true, 2);
            // The resend (PossDup) of the two fills comes in before a fill sent after the logon.
            // And a venue that replays a fill delivered before the disconnect books it no second time.
            fix.venue.repeatExecution(before);
            String after = fix.venue.fill("s-1", Quantity.of("4"), Price.of("102"));
            fix.sink.await(Fill.class, f -> f.tradeId().equals("VENUE-" + after));

            assertThat(fix.sink.all(Fill.class)).extracting(Fill::tradeId).containsExactly(
                    "VENUE-" + before, "VENUE-" + whileDown1, "VENUE-" + whileDown2, "VENUE-" + after);
            assertThat(fix.sink.all(Fill.class)).extracting(Fill::quantity).containsExactly(
                    Quantity.of("1"), Quantity.of("2"), Quantity.of("3"), Quantity.of("4"));
        }
    }

    @Test
    void aVenueRestartKeepsTheSequenceNumbersAndTheSessionResumes() throws IOException {
        try (FixHarness fix = new FixHarness(root)) {
            fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("90"))));
            fix.sink.await(OrderAccepted.class);
            int expectedFromClient = fix.venue.nextExpectedFromClient();
            int nextToClient = fix.venue.nextToClient();

            fix.venue.restart();
            fix.sink.awaitConnected(false, 1);
            fix.sink.awaitConnected(true, 2);

            // No reset: both sides carry on from where they were (each logon/logout pair adds its own messages).
            assertThat(fix.venue.nextExpectedFromClient()).isGreaterThan(expectedFromClient);
            assertThat(fix.venue.nextToClient()).isGreaterThan(nextToClient);
            fix.broker.submit(order("s-2", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("90"))));
            fix.sink.await(OrderAccepted.class, a -> a.orderId().equals(ClientOrderId.of("s-2")));
        }
    }

    @Test
    void anAdapterRestartOnItsStoreResumesTheSessionAndKnowsItsOrders() throws IOException {
        try (FixHarness fix = new FixHarness(root)) {
            fix.venue.setAutoFill(false);
            fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
            fix.sink.await(OrderAccepted.class);
            int expectedFromClient = fix.venue.nextExpectedFromClient();

            fix.stopBroker();
            fix.startBroker();

            assertThat(fix.venue.nextExpectedFromClient()).isGreaterThan(expectedFromClient);
            // What it sent before is on its list of sent orders; an order it never had, it can vouch never left.
            assertThat(fix.broker.mayHaveSent(ClientOrderId.of("s-1"))).isTrue();
            assertThat(fix.broker.mayHaveSent(ClientOrderId.of("s-2"))).isFalse();
            // The restarted adapter cancels an order it sent before the restart, and maps the venue's answer back.
            fix.broker.cancel(ClientOrderId.of("s-1"));
            assertThat(fix.sink.await(OrderCanceled.class).orderId()).isEqualTo(ClientOrderId.of("s-1"));
        }
    }

    @Test
    void messagesTheRunNeverJournaledAreSentAgainAfterARestart() throws IOException {
        try (FixHarness fix = new FixHarness(root)) {
            fix.venue.setAutoFill(false);
            fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
            fix.sink.await(OrderAccepted.class);
            fix.sink.recording = false; // from here the process dies before its journal holds anything
            String execId = fix.venue.fill("s-1", Quantity.of("5"), Price.of("90"));
            Fill lost = fix.sink.await(Fill.class);

            fix.stopBroker();
            fix.sink.reports.clear();
            fix.sink.recording = true;
            fix.startBroker();

            Fill again = fix.sink.await(Fill.class);
            assertThat(again.tradeId()).as("the venue sent the fill again (ExecID " + execId + ")").isEqualTo(lost.tradeId());
            assertThat(again.quantity()).isEqualTo(Quantity.of("5"));
        }
    }

    @Test
    void ordersWhileLoggedOutAreRefusedNotHeldForLater() {
        try (FixHarness fix = new FixHarness(root)) {
            fix.venue.logout();
            fix.sink.awaitConnected(false, 1);

            fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("1"))));
            fix.broker.cancel(ClientOrderId.of("s-1"));

            assertThat(fix.sink.await(OrderRejected.class).reason()).contains("not logged on");
            assertThat(fix.sink.await(CancelRejected.class).reason()).contains("not logged on");
            fix.venue.allowLogon();
            fix.sink.awaitConnected(true, 2);
            assertThat(fix.venue.received()).isEmpty();
            // Refused before it was built: it never reached the list of sent orders, so a restart knows it never left.
            fix.stopBroker();
            fix.startBroker();
            assertThat(fix.broker.mayHaveSent(ClientOrderId.of("s-1"))).isFalse();
        }
    }

    @Test
    void thePasswordNeverReachesAFileUnderTheStoresOrTheLogs() throws IOException {
        String password = "pw-7Hq2-never-print";
        try (LogCapture log = new LogCapture();
             FixHarness fix = new FixHarness(root, Secret.of(password), Duration.ofSeconds(10))) {
            fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("90"))));
            fix.sink.await(OrderAccepted.class);
            // A second logon, so the store holds more than one Logon.
            fix.venue.drop();
            fix.sink.awaitConnected(true, 2);
            assertThat(fix.venue.lastLogonPassword()).isEqualTo(password);

            fix.close();
            assertThat(filesContaining(root, password)).isEmpty();
            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(password));
            assertThat(fix.venue.clientSettings(root, Secret.of(password), Duration.ofSeconds(1)).toString())
                    .doesNotContain(password);
        }
    }

    private static List<Path> filesContaining(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).as("the stores hold files").isNotEmpty();
            return all.stream().filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    .contains(new String(needle, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
