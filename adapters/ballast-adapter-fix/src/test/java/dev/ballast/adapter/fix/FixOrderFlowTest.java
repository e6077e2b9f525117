package dev.ballast.adapter.fix;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.OrderRestated;
import dev.ballast.model.event.ReplaceRejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.LastQty;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Side;
import quickfix.field.TransactTime;

import java.nio.file.Path;
import java.util.Map;

import static dev.ballast.adapter.fix.FixHarness.order;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders through a real FIX session to the test venue, and the broker reports they come back as. */
class FixOrderFlowTest {
    private static final Symbol AAPL = Symbol.of("AAPL");

    @TempDir
    Path root;
    private FixHarness fix;

    @BeforeEach
    void start() {
        fix = new FixHarness(root);
    }

    @AfterEach
    void stop() {
        fix.close();
    }

    @Test
    void aNewOrderCarriesItsTermsAsExactDecimals() throws FieldNotFound {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.SELL, Quantity.of("12.5"), Price.of("187.0125"))));
        fix.sink.await(OrderAccepted.class);

        Message sent = fix.venue.received(MsgType.NEW_ORDER_SINGLE).getFirst();
        assertThat(sent.getString(ClOrdID.FIELD)).isEqualTo("s-1");
        assertThat(sent.getChar(Side.FIELD)).isEqualTo(Side.SELL);
        assertThat(sent.getChar(OrdType.FIELD)).isEqualTo(OrdType.LIMIT);
        assertThat(sent.getString(OrderQty.FIELD)).isEqualTo("12.5");
        assertThat(sent.getString(quickfix.field.Price.FIELD)).isEqualTo("187.0125");
        assertThat(sent.getChar(quickfix.field.TimeInForce.FIELD)).isEqualTo(quickfix.field.TimeInForce.GOOD_TILL_CANCEL);
        assertThat(sent.isSetField(TransactTime.FIELD)).isTrue();
    }

    @Test
    void newPartialAndFullFillsMapWithExactFixedPointValues() {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))));
        OrderAccepted accepted = fix.sink.await(OrderAccepted.class);
        assertThat(accepted.orderId()).isEqualTo(ClientOrderId.of("s-1"));
        assertThat(accepted.venueOrderId()).startsWith("O");

        String first = fix.venue.fill("s-1", Quantity.of("3.25"), Price.of("101.00000001"));
        String second = fix.venue.fill("s-1", Quantity.of("6.75"), Price.of("101.5"));

        fix.sink.awaitTrue("two fills", () -> fix.sink.all(Fill.class).size() == 2);
        assertThat(fix.sink.all(Fill.class)).containsExactly(
                fill("s-1", "VENUE-" + first, OrderSide.BUY, "3.25", "101.00000001", fix.sink.all(Fill.class).get(0).timestamp()),
                fill("s-1", "VENUE-" + second, OrderSide.BUY, "6.75", "101.5", fix.sink.all(Fill.class).get(1).timestamp()));
    }

    @Test
    void aMarketOrderFillsAtTheVenuesPrice() {
        fix.venue.setPrice(AAPL, Price.of("99.99"));
        fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.SELL, Quantity.of("4"))));
        Fill fill = fix.sink.await(Fill.class);
        assertThat(fill.side()).isEqualTo(OrderSide.SELL);
        assertThat(fill.quantity()).isEqualTo(Quantity.of("4"));
        assertThat(fill.price()).isEqualTo(Price.of("99.99"));
        assertThat(fill.commission()).isEqualTo(Money.ZERO);
    }

    @Test
    void aRejectedOrderIsReportedWithTheVenuesText() {
        fix.venue.rejectNextOrder("symbol halted");
        fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("1"))));
        OrderRejected rejected = fix.sink.await(OrderRejected.class);
        assertThat(rejected.orderId()).isEqualTo(ClientOrderId.of("s-1"));
        assertThat(rejected.reason()).isEqualTo("symbol halted");
        assertThat(fix.sink.all(OrderAccepted.class)).isEmpty();
    }

    @Test
    void aRestatementByTheVenueIsReportedWithTheNewTermsAndALaterCancelRepeatsThem() throws FieldNotFound {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
        fix.sink.await(OrderAccepted.class);

        fix.venue.restate("s-1", Quantity.of("3"));
        OrderRestated restated = fix.sink.await(OrderRestated.class);

        assertThat(restated.orderId()).isEqualTo(ClientOrderId.of("s-1"));
        assertThat(restated.quantity()).isEqualTo(Quantity.of("3"));
        assertThat(restated.limitPrice()).isEqualTo(Price.of("90"));
        assertThat(restated.reason()).isEqualTo("ExecRestatementReason 5");
        fix.broker.cancel(ClientOrderId.of("s-1"));
        fix.sink.await(OrderCanceled.class);
        Message request = fix.venue.received(MsgType.ORDER_CANCEL_REQUEST).getFirst();
        assertThat(request.getString(OrderQty.FIELD)).as("the cancel names the order as the venue restated it").isEqualTo("3");
    }

    @Test
    void aCancelGoesOutUnderANewClOrdIdAndMapsBack() throws FieldNotFound {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
        fix.sink.await(OrderAccepted.class);

        fix.broker.cancel(ClientOrderId.of("s-1"));
        OrderCanceled canceled = fix.sink.await(OrderCanceled.class);

        assertThat(canceled.orderId()).isEqualTo(ClientOrderId.of("s-1"));
        Message request = fix.venue.received(MsgType.ORDER_CANCEL_REQUEST).getFirst();
        assertThat(request.getString(OrigClOrdID.FIELD)).isEqualTo("s-1");
        assertThat(request.getString(ClOrdID.FIELD)).startsWith("s-1~").isNotEqualTo("s-1");
    }

    @Test
    void aRefusedCancelIsReportedAsCancelRejected() {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
        fix.sink.await(OrderAccepted.class);
        fix.venue.rejectNextCancel("too late to cancel");

        fix.broker.cancel(ClientOrderId.of("s-1"));

        CancelRejected rejected = fix.sink.await(CancelRejected.class);
        assertThat(rejected.orderId()).isEqualTo(ClientOrderId.of("s-1"));
        assertThat(rejected.reason()).isEqualTo("too late to cancel");
        assertThat(fix.sink.all(OrderCanceled.class)).isEmpty();
    }

    @Test
    void replacesChainClOrdIdsAndEveryOneMapsBackToTheBallastOrder() throws FieldNotFound {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
        fix.sink.await(OrderAccepted.class);

        fix.broker.modify(ClientOrderId.of("s-1"), Quantity.of("7"), null, null);
        OrderReplaced first = fix.sink.await(OrderReplaced.class);
        assertThat(first).isEqualTo(new OrderReplaced(ClientOrderId.of("s-1"), Quantity.of("7"), Price.of("90"), null,
                first.timestamp()));
        fix.broker.modify(ClientOrderId.of("s-1"), null, Price.of("91.25"), null);
        fix.sink.awaitTrue("second replace", () -> fix.sink.all(OrderReplaced.class).size() == 2);
        assertThat(fix.sink.all(OrderReplaced.class).get(1).limitPrice()).isEqualTo(Price.of("91.25"));
        assertThat(fix.sink.all(OrderReplaced.class).get(1).quantity()).isEqualTo(Quantity.of("7"));

        // The second replace names the first replace's ClOrdID as its OrigClOrdID: the chain is kept.
        var replaces = fix.venue.received(MsgType.ORDER_CANCEL_REPLACE_REQUEST);
        assertThat(replaces.get(0).getString(OrigClOrdID.FIELD)).isEqualTo("s-1");
        assertThat(replaces.get(1).getString(OrigClOrdID.FIELD)).isEqualTo(replaces.get(0).getString(ClOrdID.FIELD));

        // A fill under the latest ClOrdID is the Ballast order's fill.
        fix.venue.fill(replaces.get(1).getString(ClOrdID.FIELD), Quantity.of("7"), Price.of("91"));
        assertThat(fix.sink.await(Fill.class).orderId()).isEqualTo(ClientOrderId.of("s-1"));
    }

    @Test
    void aRefusedReplaceIsReportedAsReplaceRejected() {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
        fix.sink.await(OrderAccepted.class);
        fix.venue.rejectNextReplace("price outside the band");

        fix.broker.modify(ClientOrderId.of("s-1"), null, Price.of("200"), null);

        ReplaceRejected rejected = fix.sink.await(ReplaceRejected.class);
        assertThat(rejected.orderId()).isEqualTo(ClientOrderId.of("s-1"));
        assertThat(rejected.reason()).isEqualTo("price outside the band");
        assertThat(fix.sink.all(OrderReplaced.class)).isEmpty();
    }

    @Test
    void aSessionRejectOfANewOrderIsReportedAsOrderRejected() {
        fix.venue.sessionRejectNext();
        fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("1"))));

        OrderRejected rejected = fix.sink.await(OrderRejected.class);
        assertThat(rejected.orderId()).isEqualTo(ClientOrderId.of("s-1"));
        assertThat(rejected.reason()).startsWith("the venue rejected the message: ");
    }

    @Test
    void aBusinessRejectOfACancelIsReportedAsCancelRejected() {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("5"), Price.of("90"))));
        fix.sink.await(OrderAccepted.class);
        fix.venue.businessRejectNext("cancels are closed");

        fix.broker.cancel(ClientOrderId.of("s-1"));

        CancelRejected rejected = fix.sink.await(CancelRejected.class);
        assertThat(rejected.orderId()).isEqualTo(ClientOrderId.of("s-1"));
        assertThat(rejected.reason()).isEqualTo("the venue rejected the message: cancels are closed");
    }

    @Test
    void aRepeatedExecIdIsReportedOnce() {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))));
        fix.sink.await(OrderAccepted.class);
        try (LogCapture log = new LogCapture()) {
            String execId = fix.venue.fill("s-1", Quantity.of("4"), Price.of("100"));
            fix.venue.repeatExecution(execId);
            fix.venue.repeatExecution(execId);
            // A later fill proves the repeats were handled before it (the session delivers in order).
            String later = fix.venue.fill("s-1", Quantity.of("6"), Price.of("100"));

            fix.sink.await(Fill.class, f -> f.tradeId().equals("VENUE-" + later));
            assertThat(fix.sink.all(Fill.class)).extracting(Fill::tradeId)
                    .containsExactly("VENUE-" + execId, "VENUE-" + later);
            assertThat(log.lines()).filteredOn(line -> line.contains(execId + " (ExecType F)") && line.contains("seen before"))
                    .hasSize(2);
        }
    }

    @Test
    void aFillWhoseCumQtyDisagreesIsStillReportedAndFlaggedLoudly() {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))));
        fix.sink.await(OrderAccepted.class);
        try (LogCapture log = new LogCapture()) {
            fix.venue.fill("s-1", Quantity.of("2"), Price.of("100"));
            String odd = fix.venue.fillWithFields("s-1", Quantity.of("3"), Price.of("100"), Map.of(CumQty.FIELD, "9"));

            fix.sink.await(Fill.class, f -> f.tradeId().equals("VENUE-" + odd));
            assertThat(fix.sink.all(Fill.class)).extracting(Fill::quantity)
                    .containsExactly(Quantity.of("2"), Quantity.of("3"));
            assertThat(log.lines()).filteredOn(line -> line.contains("SEVERE: "))
                    .anyMatch(line -> line.contains("INCONSISTENT EXECUTION") && line.contains(odd)
                            && line.contains("CumQty 9") && line.contains("counted 2"));
        }
    }

    @Test
    void aReportWithAQuantityThatIsNotANumberBooksNothingAndIsLoggedWithTheField() {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))));
        fix.sink.await(OrderAccepted.class);
        try (LogCapture log = new LogCapture()) {
            fix.venue.fillWithFields("s-1", Quantity.of("2"), Price.of("100"), Map.of(LastQty.FIELD, "2,5"));
            String good = fix.venue.fill("s-1", Quantity.of("3"), Price.of("100"));

            fix.sink.await(Fill.class, f -> f.tradeId().equals("VENUE-" + good));
            assertThat(fix.sink.all(Fill.class)).hasSize(1);
            assertThat(log.lines()).filteredOn(line -> line.contains("SEVERE: "))
                    .anyMatch(line -> line.contains("field 32 is not a decimal number: '2,5'"));
        }
    }

    @Test
    void aBustAndACorrectionMapToFillBustedAndFillCorrected() throws FieldNotFound {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("s-1", OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))));
        fix.sink.await(OrderAccepted.class);
        String busted = fix.venue.fill("s-1", Quantity.of("4"), Price.of("100"));
        String corrected = fix.venue.fill("s-1", Quantity.of("6"), Price.of("100"));

        String bustId = fix.venue.bust(busted);
        String correctionId = fix.venue.correct(corrected, Quantity.of("5.5"), Price.of("99.75"));

        FillBusted bust = fix.sink.await(FillBusted.class);
        assertThat(bust).isEqualTo(new FillBusted(ClientOrderId.of("s-1"), "VENUE-" + busted, "VENUE-" + bustId,
                bust.timestamp()));
        FillCorrected correction = fix.sink.await(FillCorrected.class);
        assertThat(correction).isEqualTo(new FillCorrected(ClientOrderId.of("s-1"), "VENUE-" + corrected,
                "VENUE-" + correctionId, Quantity.of("5.5"), Price.of("99.75"), Money.ZERO, correction.timestamp()));
    }

    @Test
    void doneForDayExpiresDayOrdersOnly() {
        fix.venue.setAutoFill(false);
        fix.broker.submit(order("day-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("90"))
                .withTimeInForce(TimeInForce.DAY)));
        fix.broker.submit(order("gtc-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("90"))));
        fix.sink.awaitTrue("both accepted", () -> fix.sink.all(OrderAccepted.class).size() == 2);

        fix.venue.endOfDay();
        // An order sent after the end of day proves both DoneForDay reports were handled before its acceptance.
        fix.broker.submit(order("after-1", OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("1"), Price.of("90"))));
        fix.sink.await(OrderAccepted.class, a -> a.orderId().value().equals("after-1"));

        assertThat(fix.sink.all(OrderExpired.class)).extracting(OrderExpired::orderId)
                .containsExactly(ClientOrderId.of("day-1"));
    }

    private static Fill fill(String id, String tradeId, OrderSide side, String quantity, String price, long timestamp) {
        return new Fill(ClientOrderId.of(id), tradeId, AAPL, side, Quantity.of(quantity), Price.of(price), Money.ZERO,
                timestamp);
    }
}
