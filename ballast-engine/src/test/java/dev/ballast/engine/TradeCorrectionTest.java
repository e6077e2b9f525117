package dev.ballast.engine;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.monitor.OrderExecution;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.risk.RiskScope;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.RunMode;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TradingState;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.event.Anomaly;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.SubmitBracket;
import dev.ballast.model.event.SubmitOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ballast.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * A venue's correction (FIX ExecType G) or bust (H) of a trade it reported: the books move exactly to what booking
 * only the surviving, corrected fills gives (cash, fees, position, realized P&L, the order's filled quantity and
 * average price), once per correction id; a trade the books do not hold halts the account. The engine checks its
 * books after every input (assertions on) and this test after every event.
 */
class TradeCorrectionTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId ID = StrategyId.of("s");
    private static final ClientOrderId BUY = ClientOrderId.of("s-1");
    private static final ClientOrderId SELL = ClientOrderId.of("s-2");

    /** A venue that takes orders and cancels and reports nothing by itself: the test reports for it. */
    private static final class SilentVenue implements BrokerageInterface {
        final List<ClientOrderId> cancels = new ArrayList<>();
        final List<String> modifies = new ArrayList<>();

        @Override public void connect(BrokerReportSink sink) { }
        @Override public void submit(Order order) { }
        @Override public void cancel(ClientOrderId orderId) { cancels.add(orderId); }
        @Override public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
            modifies.add(orderId + " to " + quantity);
        }
        @Override public void onMarketData(MarketData data) { }
    }

    /** Records the corrections and busts it is told of, besides orders and fills. */
    private static final class RecordingStrategy extends ScriptedStrategy {
        final List<Object> heard = new ArrayList<>();

        RecordingStrategy() {
            super((ctx, i) -> { });
        }

        @Override
        public void onOrderEvent(Order order) {
            super.onOrderEvent(order);
            heard.add(order.status() + " filled " + order.filledQuantity());
        }

        @Override
        public void onFillCorrected(FillCorrectionBooked correction) {
            heard.add(correction);
        }

        @Override
        public void onFillBusted(FillBustBooked bust) {
            heard.add(bust);
        }
    }

    private final SilentVenue venue = new SilentVenue();
    private final RecordingStrategy strategy = new RecordingStrategy();
    private final List<EngineEvent> events = new ArrayList<>();
    private final TradingEngine engine = engine();
    private long time = 1;

    private TradingEngine engine() {
        SimulatedClock clock = new SimulatedClock(Long.MIN_VALUE);
        EngineSettings settings = new EngineSettings(RunMode.BACKTEST, Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                RiskLimits.defaults(), IsolationPolicy.defaults());
        TradingEngine engine = new TradingEngine(settings, clock, venue, List.of(new StrategySpec(ID, strategy, List.of(XYZ))),
                m -> {
                    throw new AssertionError(m);
                });
        EngineFixtures.checkBooksAfterEveryEvent(engine);
        engine.subscribe(events::add);
        engine.start();
        engine.process(bar(XYZ, 0, "10", "10", "10", "10", 1000));
        return engine;
    }

    private void order(ClientOrderId id, OrderRequest request) {
        engine.process(new SubmitOrder(ID, id, request, Price.of("10"), time++));
        engine.process(new OrderAccepted(id, "V-" + id, time++));
    }

    private void fill(ClientOrderId id, String tradeId, OrderSide side, long quantity, String price, String commission) {
        engine.process(new Fill(id, tradeId, XYZ, side, Quantity.ofUnits(quantity), Price.of(price), Money.of(commission), time++));
    }

    /** Bought 100 at 10 with a commission of 1: trade T-1 of order s-1. */
    private void bought() {
        order(BUY, OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)));
        fill(BUY, "T-1", OrderSide.BUY, 100, "10", "1");
    }

    /** Then sold 40 at 12 with a commission of 1 (trade T-2 of order s-2): 80 realized. */
    private void boughtThenSoldPart() {
        bought();
        order(SELL, OrderRequest.market(XYZ, OrderSide.SELL, Quantity.ofUnits(40)));
        fill(SELL, "T-2", OrderSide.SELL, 40, "12", "1");
        assertThat(engine.portfolio().realizedPnl()).isEqualTo(Money.of("80"));
    }

    private void bust(ClientOrderId id, String tradeId, String bustId) {
        engine.process(new FillBusted(id, tradeId, bustId, time++));
    }

    private void correct(ClientOrderId id, String tradeId, String correctionId, long quantity, String price, String commission) {
        engine.process(new FillCorrected(id, tradeId, correctionId, Quantity.ofUnits(quantity), Price.of(price),
                Money.of(commission), time++));
    }

    private Position position() {
        return engine.portfolio().position(ID, XYZ);
    }

    private OrderExecution execution(ClientOrderId id) {
        return engine.monitor().executions().stream().filter(e -> e.orderId().equals(id)).findFirst().orElseThrow();
    }

    private List<Anomaly> anomalies() {
        return events.stream().filter(e -> e instanceof AnomalyFlagged).map(e -> ((AnomalyFlagged) e).kind()).toList();
    }

    @Test
    void aBustedBuyIsReversedExactlyAndItsOrderStaysFilled() {
        bought();
        bust(BUY, "T-1", "B-1");

        assertThat(engine.portfolio().cash()).isEqualTo(Money.ofUnits(100_000));
        assertThat(engine.portfolio().fees()).isEqualTo(Money.ZERO);
        assertThat(position().quantity()).isEqualTo(Quantity.ZERO);
        assertThat(position().costBasis()).isEqualTo(Money.ZERO);
        assertThat(engine.portfolio().accountPosition(XYZ).quantity()).isEqualTo(Quantity.ZERO);
        Order order = engine.orders().order(BUY);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualTo(Quantity.ZERO);
        assertThat(order.averageFillPrice()).isNull();
        assertThat(engine.monitor().fillCount()).isZero();
        assertThat(execution(BUY).commission()).isEqualTo(Money.ZERO);
        FillBustBooked booked = events.stream().filter(e -> e instanceof FillBustBooked).map(e -> (FillBustBooked) e)
                .findFirst().orElseThrow();
        assertThat(booked.original().tradeId()).isEqualTo("T-1");
        assertThat(booked.bustId()).isEqualTo("B-1");
        assertThat(booked.strategyId()).isEqualTo(ID);
        // The owner hears the restated order, then the bust.
        assertThat(strategy.heard.subList(strategy.heard.size() - 2, strategy.heard.size()))
                .containsExactly("FILLED filled 0", booked);
        assertThat(anomalies()).isEmpty();
        assertThat(engine.risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aBustedSellThatRealizedPnlTakesThePnlBack() {
        boughtThenSoldPart();
        bust(SELL, "T-2", "B-1");

        assertThat(engine.portfolio().realizedPnl()).isEqualTo(Money.ZERO);
        assertThat(position().quantity()).isEqualTo(Quantity.ofUnits(100));
        assertThat(position().costBasis()).isEqualTo(Money.of("1000"));
        assertThat(engine.portfolio().cash()).isEqualTo(Money.of("98999"));
        assertThat(engine.portfolio().fees()).isEqualTo(Money.of("1"));
        assertThat(engine.portfolio().strategyPnl(ID).realized()).isEqualTo(Money.ZERO);
        assertThat(engine.orders().order(SELL).filledQuantity()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void bustingTheBuyUnderALaterSellLeavesTheSellAsItWouldStandAlone() {
        boughtThenSoldPart();
        bust(BUY, "T-1", "B-1");

        // Only the sale of 40 at 12 stands: a short of 40, cost -480, nothing realized.
        assertThat(position().quantity()).isEqualTo(Quantity.ofUnits(-40));
        assertThat(position().costBasis()).isEqualTo(Money.of("-480"));
        assertThat(engine.portfolio().realizedPnl()).isEqualTo(Money.ZERO);
        assertThat(engine.portfolio().cash()).isEqualTo(Money.of("100479"));
        assertThat(engine.portfolio().fees()).isEqualTo(Money.of("1"));
    }

    @Test
    void aBustedPartialFillOfAWorkingOrderKeepsItsLeavesUntilTheVenueSaysOtherwise() {
        order(BUY, OrderRequest.limit(XYZ, OrderSide.BUY, Quantity.ofUnits(100), Price.of("10")));
        fill(BUY, "T-1", OrderSide.BUY, 30, "10", "1");
        assertThat(engine.orders().openLeaves(XYZ, OrderSide.BUY)).isEqualTo(Quantity.ofUnits(70).raw());

        bust(BUY, "T-1", "B-1");

        Order order = engine.orders().order(BUY);
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(order.filledQuantity()).isEqualTo(Quantity.ZERO);
        assertThat(order.leavesQuantity()).isEqualTo(Quantity.ofUnits(70));
        assertThat(engine.orders().openLeaves(XYZ, OrderSide.BUY)).isEqualTo(Quantity.ofUnits(70).raw());
        assertThat(position().quantity()).isEqualTo(Quantity.ZERO);

        fill(BUY, "T-2", OrderSide.BUY, 70, "10", "1");
        assertThat(engine.orders().order(BUY).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(position().quantity()).isEqualTo(Quantity.ofUnits(70));
        assertThat(engine.orders().openLeaves(XYZ, OrderSide.BUY)).isZero();
    }

    @Test
    void aCorrectedPriceRebooksTheTradeAtTheNewPrice() {
        bought();
        long filledAt = execution(BUY).completedAt();
        correct(BUY, "T-1", "C-1", 100, "10.5", "1");

        assertThat(engine.portfolio().cash()).isEqualTo(Money.of("98949"));
        assertThat(position().costBasis()).isEqualTo(Money.of("1050"));
        assertThat(position().averageCost()).isEqualTo(Price.of("10.5"));
        Order order = engine.orders().order(BUY);
        assertThat(order.averageFillPrice()).isEqualTo(Price.of("10.5"));
        assertThat(order.filledQuantity()).isEqualTo(Quantity.ofUnits(100));
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(engine.monitor().fillCount()).isEqualTo(1);
        // The execution figures follow the order: 10.5 against an arrival of 10 is 500 bps of slippage, and the
        // order's completion time is still when it filled, not when the venue corrected it.
        assertThat(execution(BUY).completedAt()).isEqualTo(filledAt);
        assertThat(execution(BUY).averageFillPrice()).isEqualTo(Price.of("10.5"));
        assertThat(execution(BUY).slippageBps()).isCloseTo(500.0, offset(1e-9));
        FillCorrectionBooked booked = (FillCorrectionBooked) strategy.heard.getLast();
        assertThat(booked.original().price()).isEqualTo(Price.of("10"));
        assertThat(booked.corrected()).isEqualTo(new Fill(BUY, "T-1", XYZ, OrderSide.BUY, Quantity.ofUnits(100),
                Price.of("10.5"), Money.of("1"), booked.original().timestamp()));
        assertThat(booked.correctionId()).isEqualTo("C-1");
        assertThat(engine.portfolio().bookedFill("T-1").fill()).isEqualTo(booked.corrected());
    }

    @Test
    void aCorrectedQuantityOfAClosingSellRealizesOnWhatRemains() {
        bought();
        order(SELL, OrderRequest.market(XYZ, OrderSide.SELL, Quantity.ofUnits(100)));
        fill(SELL, "T-2", OrderSide.SELL, 100, "12", "1");
        assertThat(engine.portfolio().realizedPnl()).isEqualTo(Money.of("200"));

        correct(SELL, "T-2", "C-1", 60, "12", "1");

        assertThat(position().quantity()).isEqualTo(Quantity.ofUnits(40));
        assertThat(position().costBasis()).isEqualTo(Money.of("400"));
        assertThat(engine.portfolio().realizedPnl()).isEqualTo(Money.of("120"));
        assertThat(engine.portfolio().cash()).isEqualTo(Money.of("99718"));
        Order sell = engine.orders().order(SELL);
        assertThat(sell.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sell.filledQuantity()).isEqualTo(Quantity.ofUnits(60));
    }

    @Test
    void aCorrectedCommissionMovesOnlyFeesAndCash() {
        bought();
        correct(BUY, "T-1", "C-1", 100, "10", "2.5");

        assertThat(engine.portfolio().fees()).isEqualTo(Money.of("2.5"));
        assertThat(engine.portfolio().strategyPnl(ID).fees()).isEqualTo(Money.of("2.5"));
        assertThat(engine.portfolio().cash()).isEqualTo(Money.of("98997.5"));
        assertThat(position().costBasis()).isEqualTo(Money.of("1000"));
        assertThat(execution(BUY).commission()).isEqualTo(Money.of("2.5"));
    }

    @Test
    void aRepeatedCorrectionIdIsBookedOnce() {
        bought();
        correct(BUY, "T-1", "C-1", 100, "10.5", "1");
        correct(BUY, "T-1", "C-1", 100, "10.5", "1");
        bust(BUY, "T-1", "B-1");
        bust(BUY, "T-1", "B-1");

        assertThat(anomalies()).containsExactly(Anomaly.DUPLICATE_TRADE_CORRECTION, Anomaly.DUPLICATE_TRADE_CORRECTION);
        assertThat(events).filteredOn(e -> e instanceof FillCorrectionBooked).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof FillBustBooked).hasSize(1);
        assertThat(engine.portfolio().cash()).isEqualTo(Money.ofUnits(100_000));
        assertThat(engine.risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aCorrectionThenABustReversesTheCorrectedFigures() {
        bought();
        correct(BUY, "T-1", "C-1", 80, "10.25", "3");
        bust(BUY, "T-1", "B-1");

        FillBustBooked busted = (FillBustBooked) strategy.heard.getLast();
        assertThat(busted.original().quantity()).isEqualTo(Quantity.ofUnits(80));
        assertThat(engine.portfolio().cash()).isEqualTo(Money.ofUnits(100_000));
        assertThat(engine.portfolio().fees()).isEqualTo(Money.ZERO);
        assertThat(engine.orders().order(BUY).filledQuantity()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void aBustOfATradeTheBooksDoNotHoldHaltsTheAccount() {
        bought();
        order(SELL, OrderRequest.limit(XYZ, OrderSide.SELL, Quantity.ofUnits(10), Price.of("20")));
        bust(BUY, "T-404", "B-1");

        assertThat(anomalies()).containsExactly(Anomaly.TRADE_CORRECTION_NOT_BOOKED);
        assertThat(engine.risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
        assertThat(engine.risk().states().reason(RiskScope.ACCOUNT)).isEqualTo(TradingStateReason.UNBOOKABLE_TRADE_CORRECTION);
        assertThat(venue.cancels).as("its open orders are asked to cancel").containsExactly(SELL);
        // Nothing was booked: the books still hold the trade they know.
        assertThat(position().quantity()).isEqualTo(Quantity.ofUnits(100));
        assertThat(engine.portfolio().cash()).isEqualTo(Money.of("98999"));
        assertThat(events).noneMatch(e -> e instanceof FillBustBooked);
    }

    @Test
    void aTradeBustedAgainUnderAnotherIdIsUnknownAndHalts() {
        bought();
        bust(BUY, "T-1", "B-1");
        bust(BUY, "T-1", "B-2");

        assertThat(anomalies()).containsExactly(Anomaly.TRADE_CORRECTION_NOT_BOOKED);
        assertThat(engine.risk().states().reason(RiskScope.ACCOUNT)).isEqualTo(TradingStateReason.UNBOOKABLE_TRADE_CORRECTION);
        assertThat(engine.portfolio().cash()).isEqualTo(Money.ofUnits(100_000));
    }

    @Test
    void aCorrectionNamingAnotherOrderOrNoQuantityIsNotBookedAndHalts() {
        bought();
        correct(SELL, "T-1", "C-1", 100, "11", "1");
        correct(BUY, "T-1", "C-2", 0, "11", "1");

        assertThat(anomalies()).containsExactly(Anomaly.TRADE_CORRECTION_NOT_BOOKED, Anomaly.TRADE_CORRECTION_NOT_BOOKED);
        assertThat(engine.risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
        assertThat(engine.portfolio().cash()).isEqualTo(Money.of("98999"));
        assertThat(engine.orders().order(BUY).averageFillPrice()).isEqualTo(Price.of("10"));
    }

    /** A bracket bought 100 at 10 (entry s-1, trade T-1), its exits s-2 (take profit) and s-3 (stop) armed and working. */
    private void bracketFilledAndArmed() {
        engine.process(new SubmitBracket(ID, BUY, OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)),
                SELL, Price.of("12"), ClientOrderId.of("s-3"), Price.of("9"), Price.of("10"), time++));
        engine.process(new OrderAccepted(BUY, "V-1", time++));
        fill(BUY, "T-1", OrderSide.BUY, 100, "10", "1");
        engine.process(new OrderAccepted(SELL, "V-2", time++));
        engine.process(new OrderAccepted(ClientOrderId.of("s-3"), "V-3", time++));
        assertThat(engine.orders().order(SELL).quantity()).isEqualTo(Quantity.ofUnits(100));
    }

    @Test
    void aBustedBracketEntryCancelsItsExits() {
        bracketFilledAndArmed();
        bust(BUY, "T-1", "B-1");

        assertThat(venue.cancels).containsExactly(SELL, ClientOrderId.of("s-3"));
        assertThat(position().quantity()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void aCorrectedBracketEntryResizesItsExitsToWhatItFilled() {
        bracketFilledAndArmed();
        correct(BUY, "T-1", "C-1", 60, "10", "1");

        assertThat(venue.modifies).containsExactly("s-2 to 60", "s-3 to 60");
        assertThat(venue.cancels).isEmpty();
    }
}
