package dev.ballast.engine.broker.paper;

import org.assertj.core.groups.Tuple;
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
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderCanceled;
import org.junit.jupiter.api.Test;

import static dev.ballast.engine.broker.paper.PaperBrokerFixture.AAPL;
import static dev.ballast.engine.broker.paper.PaperBrokerFixture.bar;
import static org.assertj.core.api.Assertions.assertThat;

/** Bracket exits at the paper venue: a one-cancels-other group, and reduce-only. */
class PaperBrokerExitTest {
    private static final StrategyId S = StrategyId.of("s");
    private static final ClientOrderId ENTRY = ClientOrderId.of("s-entry");
    private static final ClientOrderId TP = ClientOrderId.of("s-tp");
    private static final ClientOrderId SL = ClientOrderId.of("s-sl");

    private static void submit(PaperBrokerFixture f, ClientOrderId id, OrderRequest request, BracketRole role) {
        f.broker.submit(new Order(id, S, request, OrderStatus.SUBMITTED, Quantity.ZERO, Money.ZERO, null,
                f.clock.nanos(), f.clock.nanos(), role, role == BracketRole.ENTRY ? null : ENTRY));
    }

    private static Quantity qty(long units) {
        return Quantity.ofUnits(units);
    }

    /** Long 100 at 100, then the two exits (take-profit 105, stop 95) working from bar 3. */
    private static PaperBrokerFixture longWithExits(PaperBrokerSettings settings, long exitUnits) {
        var f = new PaperBrokerFixture(settings);
        f.feed(bar(1, "100", "101", "99", "100", "100000"));
        submit(f, ENTRY, OrderRequest.market(AAPL, OrderSide.BUY, qty(100)), BracketRole.ENTRY);
        f.feed(bar(2, "100", "101", "99", "100", "100000"));
        submit(f, TP, OrderRequest.limit(AAPL, OrderSide.SELL, qty(exitUnits), Price.of("105")), BracketRole.TAKE_PROFIT);
        submit(f, SL, OrderRequest.stop(AAPL, OrderSide.SELL, qty(exitUnits), Price.of("95")), BracketRole.STOP_LOSS);
        return f;
    }

    @Test
    void fillsOnlyOneExitOfAGroupOnABarThatTouchesBoth() {
        var f = longWithExits(PaperBrokerSettings.defaults(), 100);

        f.feed(bar(3, "100", "106", "94", "100", "100000"));

        assertThat(f.fills()).extracting(Fill::orderId).containsExactly(ENTRY, TP);
        assertThat(f.reportsOf(OrderCanceled.class)).singleElement().satisfies(canceled -> {
            assertThat(canceled.orderId()).isEqualTo(SL);
            assertThat(canceled.reason()).startsWith("OCO_GROUP_FILLED");
        });
        assertThat(f.broker.workingOrderCount()).isZero();
    }

    @Test
    void aPartialExitFillLeavesTheOtherExitOnlyWhatIsStillOpen() {
        // Each order may take 40 of a bar of 4000 (1%): the take-profit fills 40, then the stop may fill only 60.
        var f = longWithExits(PaperBrokerSettings.defaults().withMaxVolumeShare(0.01), 100);
        f.feed(bar(3, "104", "106", "103", "105", "4000"));
        f.feed(bar(4, "100", "101", "90", "91", "1000000"));

        assertThat(f.fills()).extracting(Fill::orderId, Fill::quantity)
                .containsExactly(Tuple.tuple(ENTRY, qty(100)),
                        Tuple.tuple(TP, qty(40)),
                        Tuple.tuple(SL, qty(60)));
        assertThat(f.reportsFor(TP)).last().isInstanceOf(OrderCanceled.class);
        assertThat(f.broker.queryState().join().positions()).doesNotContainKey(AAPL);
    }

    @Test
    void capsAReduceOnlyExitAtTheVenuePositionInsteadOfFlippingIt() {
        // Exits for 150 against a position of 100: the stop fills 100, the rest is canceled.
        var f = longWithExits(PaperBrokerSettings.defaults(), 150);

        f.feed(bar(3, "100", "101", "94", "100", "100000"));

        assertThat(f.fills()).extracting(Fill::orderId, Fill::quantity).last()
                .isEqualTo(Tuple.tuple(SL, qty(100)));
        assertThat(f.broker.queryState().join().positions()).doesNotContainKey(AAPL);
        assertThat(f.broker.workingOrderCount()).isZero();
    }

    @Test
    void cancelsAReduceOnlyExitWithNoPositionToReduce() {
        var f = new PaperBrokerFixture();
        f.feed(bar(1, "100", "101", "99", "100", "100000"));
        submit(f, SL, OrderRequest.stop(AAPL, OrderSide.SELL, qty(100), Price.of("95")), BracketRole.STOP_LOSS);

        f.feed(bar(2, "100", "101", "94", "100", "100000"));

        assertThat(f.fills()).isEmpty();
        assertThat(f.reportsOf(OrderCanceled.class)).singleElement()
                .extracting(OrderCanceled::reason).asString().startsWith("REDUCE_ONLY_NO_POSITION");
    }
}
