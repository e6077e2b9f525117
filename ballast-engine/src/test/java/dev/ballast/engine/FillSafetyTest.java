package dev.ballast.engine;

import dev.ballast.model.event.Bar;
import dev.ballast.model.event.SubmitOrder;
import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.data.InMemoryMarketDataSource;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Anomaly;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static dev.ballast.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real fills are never lost and never booked twice, whatever a broker sends: a repeated report, a
 * fill for an order the engine does not know, a fill arriving after a cancel was confirmed.
 */
class FillSafetyTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId ID = StrategyId.of("s");

    /** A broker that acknowledges at once and lets the test script what it reports on each bar. */
    private static final class ScriptedBroker implements BrokerageInterface {
        final List<Order> submitted = new ArrayList<>();
        final List<ClientOrderId> cancels = new ArrayList<>();
        private final BiConsumer<ScriptedBroker, MarketData> onData;
        BrokerReportSink sink;

        ScriptedBroker(BiConsumer<ScriptedBroker, MarketData> onData) {
            this.onData = onData;
        }

        @Override
        public void connect(BrokerReportSink sink) {
            this.sink = sink;
        }

        @Override
        public void submit(Order order) {
            submitted.add(order);
            sink.report(new OrderAccepted(order.id(), "V-" + order.id(), order.createdAt()));
        }

        @Override
        public void cancel(ClientOrderId orderId) {
            cancels.add(orderId);
        }

        @Override
        public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        }

        @Override
        public void onMarketData(MarketData data) {
            onData.accept(this, data);
        }

        Fill fill(String orderId, String tradeId, long quantity, String price, long time) {
            return new Fill(ClientOrderId.of(orderId), tradeId, XYZ, OrderSide.BUY, Quantity.ofUnits(quantity), Price.of(price),
                    Money.of("1"), time);
        }
    }

    private static TradingEngine engine(ScriptedBroker broker, ScriptedStrategy strategy) {
        SimulatedClock clock = new SimulatedClock(Long.MIN_VALUE);
        EngineSettings settings = new EngineSettings(RunMode.BACKTEST, Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                RiskLimits.defaults(), IsolationPolicy.defaults());
        TradingEngine engine = new TradingEngine(settings, clock, broker, List.of(new StrategySpec(ID, strategy, List.of(XYZ))), m -> {
            throw new AssertionError(m);
        });
        EngineFixtures.checkBooksAfterEveryEvent(engine);
        return engine;
    }

    private static List<Bar> threeBars() {
        return List.of(bar(XYZ, 0, "10", "10", "10", "10", 1000), bar(XYZ, 1, "10", "10", "10", "10", 1000),
                bar(XYZ, 2, "10", "10", "10", "10", 1000));
    }

    private static List<Anomaly> anomalies(RunResult result) {
        return result.anomalies().stream().map(AnomalyFlagged::kind).toList();
    }

    @Test
    void repeatedFillReportIsBookedOnce() {
        ScriptedBroker broker = new ScriptedBroker((b, data) -> {
            if (data.timestamp() == EngineFixtures.day(1)) {
                Fill fill = b.fill("s-1", "T-1", 100, "10", data.timestamp());
                b.sink.report(fill);
                b.sink.report(fill);
            }
        });
        ScriptedStrategy strategy = new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)));
        });
        TradingEngine engine = engine(broker, strategy);

        RunResult result = BacktestRunner.run(engine, InMemoryMarketDataSource.of(threeBars()), ProgressListener.NONE);

        assertThat(strategy.fills).hasSize(1);
        assertThat(engine.portfolio().position(ID, XYZ).quantity()).isEqualTo(Quantity.ofUnits(100));
        assertThat(result.cash()).isEqualTo(Money.of("98999"));
        assertThat(anomalies(result)).containsExactly(Anomaly.DUPLICATE_FILL);
        assertThat(result.ledgerBalanced()).isTrue();
    }

    @Test
    void fillForAnUnknownOrderIsBookedAsUnattributedAndFlagged() {
        ScriptedBroker broker = new ScriptedBroker((b, data) -> {
            if (data.timestamp() == EngineFixtures.day(1)) b.sink.report(b.fill("ghost-7", "T-9", 5, "10", data.timestamp()));
        });
        TradingEngine engine = engine(broker, new ScriptedStrategy((ctx, i) -> { }));

        RunResult result = BacktestRunner.run(engine, InMemoryMarketDataSource.of(threeBars()), ProgressListener.NONE);

        assertThat(engine.portfolio().accountPosition(XYZ).quantity()).isEqualTo(Quantity.ofUnits(5));
        assertThat(engine.portfolio().position(PortfolioManager.UNATTRIBUTED, XYZ).quantity()).isEqualTo(Quantity.ofUnits(5));
        assertThat(result.cash()).isEqualTo(Money.of("99949"));
        assertThat(anomalies(result)).containsExactly(Anomaly.FILL_FOR_UNKNOWN_ORDER);
        assertThat(result.ledgerBalanced()).isTrue();
    }

    @Test
    void fillAfterAConfirmedCancelStillReachesThePortfolio() {
        ScriptedBroker broker = new ScriptedBroker((b, data) -> {
            if (data.timestamp() == EngineFixtures.day(2)) {
                b.sink.report(new OrderCanceled(ClientOrderId.of("s-1"), "requested", data.timestamp()));
                b.sink.report(b.fill("s-1", "T-1", 30, "10", data.timestamp()));
            }
        });
        ScriptedStrategy strategy = new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.limit(XYZ, OrderSide.BUY, Quantity.ofUnits(100), Price.of("9")));
            if (i == 1) ctx.cancel(ClientOrderId.of("s-1"));
        });
        TradingEngine engine = engine(broker, strategy);

        RunResult result = BacktestRunner.run(engine, InMemoryMarketDataSource.of(threeBars()), ProgressListener.NONE);

        Order order = engine.orders().order(ClientOrderId.of("s-1"));
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(order.filledQuantity()).isEqualTo(Quantity.ofUnits(30));
        assertThat(engine.portfolio().position(ID, XYZ).quantity()).isEqualTo(Quantity.ofUnits(30));
        assertThat(strategy.fills).hasSize(1);
        assertThat(anomalies(result)).containsExactly(Anomaly.FILL_FOR_CLOSED_ORDER);
        assertThat(result.ledgerBalanced()).isTrue();
    }

    @Test
    void resubmittedClientOrderIdIsRecognisedAndNotSentAgain() {
        ScriptedBroker broker = new ScriptedBroker((b, data) -> { });
        TradingEngine engine = engine(broker, new ScriptedStrategy((ctx, i) -> { }));
        engine.start();
        SubmitOrder submit = new SubmitOrder(ID, ClientOrderId.of("s-1"),
                OrderRequest.limit(XYZ, OrderSide.BUY, Quantity.ofUnits(1), Price.of("9")), null, 0);
        engine.process(bar(XYZ, 0, "10", "10", "10", "10", 1000));
        engine.process(submit);
        engine.process(submit);

        assertThat(broker.submitted).hasSize(1);
        assertThat(engine.monitor().anomalies()).extracting(AnomalyFlagged::kind).containsExactly(Anomaly.DUPLICATE_ORDER_ID);
    }
}
