package dev.ballast.runtime.live;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.OrderAccepted;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** This run's client order ids at the venue: prefixed out, unprefixed back, other runs' orders kept apart. */
class VenueOrderIdsTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final ClientOrderId SMA_1 = ClientOrderId.of("sma-1");

    private final List<Order> submitted = new ArrayList<>();
    private final List<ClientOrderId> canceled = new ArrayList<>();
    private final List<BrokerReport> reports = new ArrayList<>();
    private final List<BrokerConnectionChanged> seen = new ArrayList<>();
    private BrokerReportSink venueSink;
    private BrokerState venueState;

    private final BrokerageInterface venue = new BrokerageInterface() {
        @Override
        public void connect(BrokerReportSink sink) {
            venueSink = sink;
        }

        @Override
        public void submit(Order order) {
            submitted.add(order);
        }

        @Override
        public void cancel(ClientOrderId orderId) {
            canceled.add(orderId);
        }

        @Override
        public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        }

        @Override
        public CompletableFuture<BrokerState> queryState() {
            return CompletableFuture.completedFuture(venueState);
        }
    };

    private final VenueOrderIds ids = new VenueOrderIds(venue, "Babc1234-", seen::add);

    VenueOrderIdsTest() {
        ids.connect(new BrokerReportSink() {
            @Override
            public void report(BrokerReport report) {
                reports.add(report);
            }

            @Override
            public void connectionChanged(BrokerConnectionChanged change) {
                reports.add(null); // the engine hears of it first
            }
        });
    }

    @Test
    void ordersAndCancelsGoOutUnderThisRunsPrefix() {
        Order order = Order.initialized(SMA_1, StrategyId.of("sma"),
                OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(10)), 1L, BracketRole.NONE, null);

        ids.submit(order);
        ids.cancel(SMA_1);

        assertThat(submitted).singleElement().satisfies(sent -> {
            assertThat(sent.id()).isEqualTo(ClientOrderId.of("Babc1234-sma-1"));
            assertThat(sent.request()).isEqualTo(order.request());
        });
        assertThat(canceled).containsExactly(ClientOrderId.of("Babc1234-sma-1"));
    }

    @Test
    void reportsComeBackUnderTheEnginesIds() {
        venueSink.report(new OrderAccepted(ClientOrderId.of("Babc1234-sma-1"), "V-9", 5L));
        venueSink.report(new Fill(ClientOrderId.of("Babc1234-sma-1"), "VENUE-e1", XYZ, OrderSide.BUY, Quantity.of("2.5"),
                Price.of("101.125"), Money.of("0.01"), 6L));
        venueSink.report(new FillBusted(ClientOrderId.of("Babc1234-sma-1"), "VENUE-e1", "VENUE-e2", 7L));

        assertThat(reports).containsExactly(new OrderAccepted(SMA_1, "V-9", 5L),
                new Fill(SMA_1, "VENUE-e1", XYZ, OrderSide.BUY, Quantity.of("2.5"), Price.of("101.125"), Money.of("0.01"), 6L),
                new FillBusted(SMA_1, "VENUE-e1", "VENUE-e2", 7L));
    }

    @Test
    void theVenuesStateHoldsOnlyThisRunsOrdersAsKnownAndKeepsOthersOpenOrdersApart() throws Exception {
        ClientOrderId earlierRun = ClientOrderId.of("Bzzz9999-sma-1");
        ClientOrderId byHand = ClientOrderId.of("manual-7");
        venueState = new BrokerState(Map.of(ClientOrderId.of("Babc1234-sma-1"), Quantity.ofUnits(5), byHand, Quantity.ofUnits(1)),
                Map.of(XYZ, Quantity.ofUnits(3)), Set.of(ClientOrderId.of("Babc1234-sma-1"), earlierRun, byHand));

        BrokerState state = ids.queryState().get();

        assertThat(state.openOrders()).containsOnlyKeys(SMA_1, byHand);
        assertThat(state.knownOrders()).containsExactly(SMA_1);
        assertThat(state.positions()).isEqualTo(Map.of(XYZ, Quantity.ofUnits(3)));
    }

    @Test
    void connectionChangesReachTheEngineThenTheWatcher() {
        BrokerConnectionChanged up = new BrokerConnectionChanged(true, "logon", 1L);

        venueSink.connectionChanged(up);

        assertThat(reports).containsExactly((BrokerReport) null);
        assertThat(seen).containsExactly(up);
    }
}
