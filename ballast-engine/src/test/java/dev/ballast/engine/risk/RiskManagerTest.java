package dev.ballast.engine.risk;

import dev.ballast.model.RiskReason;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.RecordingBroker;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.order.OrderManager;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.AssetClass;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderType;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Each pre-trade rule of the RiskManager at its boundary, fail-closed cases, reducing orders, and reservations. */
class RiskManagerTest {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol LOTS = Symbol.of("LOTS");
    private static final Symbol ES = Symbol.of("ES");
    private static final StrategyId S1 = StrategyId.of("s1");
    private static final RiskLimits NONE = RiskLimits.basic(null, null, null, false);

    /** A RiskManager wired to real Order and Portfolio managers, as the engine wires them. */
    private static final class Fixture {
        final SimulatedClock clock = new SimulatedClock(1);
        final EngineEventBus bus = new EngineEventBus();
        final OrderManager orders = new OrderManager(clock, bus, new RecordingBroker());
        final PortfolioManager portfolio = new PortfolioManager(Money.of("100000"), List.of(
                Instrument.equity(AAPL, "USD"),
                new Instrument(LOTS, AssetClass.EQUITY, "USD", Price.of("0.01"), Quantity.ofUnits(100), 1),
                new Instrument(ES, AssetClass.FUTURE, "USD", Price.of("0.25"), Quantity.ofUnits(1), 50)));
        final RiskManager risk;
        int next;

        Fixture(RiskLimits limits) {
            risk = new RiskManager(limits, portfolio, orders, clock, bus);
            bus.subscribe(risk::on);
        }

        void own(OrderSide side, String quantity, String price) {
            portfolio.book(new Fill(ClientOrderId.of("pre" + next), "pre" + (next++), AAPL, side, Quantity.of(quantity),
                    Price.of(price), Money.ZERO, 1), S1);
        }

        RiskDecision decide(OrderRequest request) {
            Order order = orders.create(ClientOrderId.of("o" + (++next)), S1, request, BracketRole.NONE, null);
            return risk.check(order);
        }

        /** Checks and, when allowed, submits and acknowledges: a working order. */
        ClientOrderId working(OrderRequest request) {
            ClientOrderId id = ClientOrderId.of("o" + (++next));
            Order order = orders.create(id, S1, request, BracketRole.NONE, null);
            RiskDecision decision = risk.check(order);
            assertThat(decision.allowed()).as(decision.detail()).isTrue();
            orders.submit(id);
            orders.onReport(new OrderAccepted(id, "v", 1));
            return id;
        }
    }

    private static OrderRequest buy(String quantity, String limit) {
        return OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of(quantity), Price.of(limit));
    }

    private static OrderRequest sell(String quantity, String limit) {
        return OrderRequest.limit(AAPL, OrderSide.SELL, Quantity.of(quantity), Price.of(limit));
    }

    private static RiskDecision fresh(RiskLimits limits, Consumer<Fixture> setup, OrderRequest request) {
        Fixture f = new Fixture(limits);
        setup.accept(f);
        return f.decide(request);
    }

    private static RiskDecision fresh(RiskLimits limits, OrderRequest request) {
        return fresh(limits, f -> { }, request);
    }

    // --- max order notional -----------------------------------------------------------------------

    @Test
    void allowsOrderNotionalJustUnderAndAtTheLimit() {
        RiskLimits limits = RiskLimits.basic(Money.of("10000"), null, null, false);
        // 99 x 100 = 9900 and 100 x 100 = 10000 (at the limit is allowed)
        assertThat(fresh(limits, buy("99", "100")).allowed()).isTrue();
        assertThat(fresh(limits, buy("100", "100")).allowed()).isTrue();
    }

    @Test
    void deniesOrderWhenNotionalExceedsLimit() {
        RiskLimits limits = RiskLimits.basic(Money.of("10000"), null, null, false);
        // 100 x 100.01 = 10001 > 10000
        RiskDecision decision = fresh(limits, buy("100", "100.01"));
        assertThat(decision.reason()).isEqualTo(RiskReason.MAX_ORDER_NOTIONAL);
        assertThat(decision.detail()).contains("10001.00").contains("10000.00");
    }

    @Test
    void orderNotionalCountsTheMultiplier() {
        RiskLimits limits = RiskLimits.basic(Money.of("200000"), null, null, false);
        // 1 ES x 4000 x 50 = 200000 at the limit; 4000.25 -> 200012.50 over
        assertThat(fresh(limits, OrderRequest.limit(ES, OrderSide.BUY, Quantity.of("1"), Price.of("4000"))).allowed()).isTrue();
        RiskDecision over = fresh(limits, OrderRequest.limit(ES, OrderSide.BUY, Quantity.of("1"), Price.of("4000.25")));
        assertThat(over.reason()).isEqualTo(RiskReason.MAX_ORDER_NOTIONAL);
        assertThat(over.detail()).contains("200012.50").contains("200000.00");
    }

    @Test
    void sellOrderNotionalIsCheckedToo() {
        RiskLimits limits = RiskLimits.basic(Money.of("10000"), null, null, false);
        assertThat(fresh(limits, sell("101", "100")).reason()).isEqualTo(RiskReason.MAX_ORDER_NOTIONAL);
    }

    // --- max position ---------------------------------------------------------------------------------

    private static final Consumer<Fixture> LONG_60_WITH_30_OPEN = f -> {
        f.own(OrderSide.BUY, "60", "100");
        f.working(buy("30", "100"));
    };

    @Test
    void allowsPositionQuantityJustUnderAndAtTheLimitCountingOpenOrders() {
        RiskLimits limits = RiskLimits.basic(null, Quantity.of("100"), null, false);
        // 60 held + 30 open + 9 = 99; + 10 = 100
        assertThat(fresh(limits, LONG_60_WITH_30_OPEN, buy("9", "100")).allowed()).isTrue();
        assertThat(fresh(limits, LONG_60_WITH_30_OPEN, buy("10", "100")).allowed()).isTrue();
    }

    @Test
    void deniesOrderWhenPositionQuantityWithOpenOrdersExceedsLimit() {
        RiskLimits limits = RiskLimits.basic(null, Quantity.of("100"), null, false);
        // 60 + 30 + 11 = 101 > 100
        RiskDecision decision = fresh(limits, LONG_60_WITH_30_OPEN, buy("11", "100"));
        assertThat(decision.reason()).isEqualTo(RiskReason.MAX_POSITION_QUANTITY);
        assertThat(decision.detail()).contains("101").contains("limit 100").contains("now 60").contains("open orders 30");
    }

    @Test
    void deniesAShortBeyondThePositionLimit() {
        RiskLimits limits = RiskLimits.basic(null, Quantity.of("100"), null, false);
        // flat, sell 101: |-101| > 100
        RiskDecision decision = fresh(limits, sell("101", "100"));
        assertThat(decision.reason()).isEqualTo(RiskReason.MAX_POSITION_QUANTITY);
        assertThat(fresh(limits, sell("100", "100")).allowed()).isTrue();
    }

    @Test
    void allowsPositionNotionalJustUnderAndAtTheLimit() {
        RiskLimits limits = RiskLimits.basic(null, null, Money.of("10000"), false);
        // (60 + 30 + 9) x 100 = 9900; (60 + 30 + 10) x 100 = 10000
        assertThat(fresh(limits, LONG_60_WITH_30_OPEN, buy("9", "100")).allowed()).isTrue();
        assertThat(fresh(limits, LONG_60_WITH_30_OPEN, buy("10", "100")).allowed()).isTrue();
    }

    @Test
    void deniesOrderWhenPositionNotionalExceedsLimit() {
        RiskLimits limits = RiskLimits.basic(null, null, Money.of("10000"), false);
        // (60 + 30 + 11) x 100 = 10100 > 10000
        RiskDecision decision = fresh(limits, LONG_60_WITH_30_OPEN, buy("11", "100"));
        assertThat(decision.reason()).isEqualTo(RiskReason.MAX_POSITION_NOTIONAL);
        assertThat(decision.detail()).contains("10100.00").contains("10000.00").contains("101");
    }

    // --- buying power -----------------------------------------------------------------------------------

    /** Cash 100000; own 500 @ 100 (gross 50000); a working buy of 100 @ 100 reserves 10000: buying power 40000. */
    private static final Consumer<Fixture> BUYING_POWER_40000 = f -> {
        f.own(OrderSide.BUY, "500", "100");
        f.working(buy("100", "100"));
    };

    @Test
    void buyingPowerIsEquityMinusGrossExposureMinusReservations() {
        Fixture f = new Fixture(RiskLimits.defaults());
        BUYING_POWER_40000.accept(f);
        assertThat(f.risk.reservedExposure()).isEqualTo(Money.of("10000"));
        // 100000 - 50000 - 10000 = 40000: 400 @ 100 exactly fits
        assertThat(f.decide(buy("400", "100")).allowed()).isTrue();
    }

    @Test
    void allowsOrderJustUnderTheBuyingPower() {
        assertThat(fresh(RiskLimits.defaults(), BUYING_POWER_40000, buy("399", "100")).allowed()).isTrue();
    }

    @Test
    void deniesOrderWhenBuyingPowerIsShort() {
        // 400 @ 100.01 = 40004 > 40000
        RiskDecision decision = fresh(RiskLimits.defaults(), BUYING_POWER_40000, buy("400", "100.01"));
        assertThat(decision.reason()).isEqualTo(RiskReason.INSUFFICIENT_BUYING_POWER);
        assertThat(decision.detail()).contains("40004.00").contains("40000.00").contains("equity 100000.00");
    }

    @Test
    void shortSaleNeedsBuyingPowerToo() {
        // flat with 100000: selling 1001 @ 100 = 100100 > 100000
        RiskDecision decision = fresh(RiskLimits.defaults(), sell("1001", "100"));
        assertThat(decision.reason()).isEqualTo(RiskReason.INSUFFICIENT_BUYING_POWER);
        assertThat(fresh(RiskLimits.defaults(), sell("1000", "100")).allowed()).isTrue();
    }

    @Test
    void buyingPowerIsNotCheckedWhenSwitchedOff() {
        assertThat(fresh(NONE, buy("100000", "100")).allowed()).isTrue();
    }

    // --- reducing orders ---------------------------------------------------------------------------------

    /** Long 2000 @ 100 with 100000 cash: equity 100000, gross 200000, buying power -100000; position 2000. */
    private static final Consumer<Fixture> OVER_EVERY_LIMIT = f -> f.own(OrderSide.BUY, "2000", "100");

    @Test
    void reducingOrderPassesWhenTheAccountIsOverBuyingPowerAndPositionLimits() {
        RiskLimits limits = RiskLimits.basic(null, Quantity.of("100"), Money.of("10000"), true);
        assertThat(fresh(limits, OVER_EVERY_LIMIT, sell("50", "100")).allowed()).isTrue();
        assertThat(fresh(limits, OVER_EVERY_LIMIT, sell("2000", "100")).allowed()).isTrue();
    }

    @Test
    void addingOrderIsDeniedWhenTheAccountIsOverThePositionLimit() {
        RiskLimits limits = RiskLimits.basic(null, Quantity.of("100"), null, true);
        assertThat(fresh(limits, OVER_EVERY_LIMIT, buy("1", "100")).reason()).isEqualTo(RiskReason.MAX_POSITION_QUANTITY);
    }

    @Test
    void addingOrderIsDeniedWhenBuyingPowerIsNegative() {
        RiskDecision decision = fresh(RiskLimits.defaults(), OVER_EVERY_LIMIT, buy("1", "100"));
        assertThat(decision.reason()).isEqualTo(RiskReason.INSUFFICIENT_BUYING_POWER);
        assertThat(decision.detail()).contains("100.00").contains("-100000.00");
    }

    @Test
    void reducingOrderStillHasToBeSane() {
        RiskLimits limits = RiskLimits.basic(null, Quantity.of("100"), null, true);
        assertThat(fresh(limits, OVER_EVERY_LIMIT, sell("50", "100.001")).reason())
                .isEqualTo(RiskReason.PRICE_NOT_TICK_MULTIPLE);
    }

    // --- order sanity -----------------------------------------------------------------------------------

    @Test
    void deniesZeroQuantity() {
        RiskDecision decision = fresh(NONE, buy("0", "100"));
        assertThat(decision.reason()).isEqualTo(RiskReason.QUANTITY_NOT_POSITIVE);
        assertThat(decision.detail()).contains("quantity 0");
    }

    @Test
    void deniesNegativeQuantity() {
        RiskDecision decision = fresh(NONE, buy("-5", "100"));
        assertThat(decision.reason()).isEqualTo(RiskReason.QUANTITY_NOT_POSITIVE);
        assertThat(decision.detail()).contains("-5");
    }

    @Test
    void deniesQuantityThatIsNotAWholeNumberOfLots() {
        RiskDecision decision = fresh(NONE, OrderRequest.limit(LOTS, OrderSide.BUY, Quantity.of("150"), Price.of("10")));
        assertThat(decision.reason()).isEqualTo(RiskReason.QUANTITY_NOT_LOT_MULTIPLE);
        assertThat(decision.detail()).contains("150").contains("lot size 100");
        assertThat(fresh(NONE, OrderRequest.limit(LOTS, OrderSide.BUY, Quantity.of("200"), Price.of("10"))).allowed()).isTrue();
        assertThat(fresh(NONE, buy("1.5", "10")).reason()).isEqualTo(RiskReason.QUANTITY_NOT_LOT_MULTIPLE);
    }

    @Test
    void deniesLimitOrderWithoutALimitPrice() {
        OrderRequest request = new OrderRequest(AAPL, OrderSide.BUY, OrderType.LIMIT, TimeInForce.GTC, Quantity.of("1"), null, null);
        RiskDecision decision = fresh(NONE, request);
        assertThat(decision.reason()).isEqualTo(RiskReason.PRICE_MISSING);
        assertThat(decision.detail()).contains("limit");
    }

    @Test
    void deniesStopOrderWithoutAStopPrice() {
        OrderRequest request = new OrderRequest(AAPL, OrderSide.SELL, OrderType.STOP, TimeInForce.GTC, Quantity.of("1"), null, null);
        RiskDecision decision = fresh(NONE, request);
        assertThat(decision.reason()).isEqualTo(RiskReason.PRICE_MISSING);
        assertThat(decision.detail()).contains("stop");
    }

    @Test
    void deniesStopLimitOrderWithoutAStopPrice() {
        OrderRequest request = new OrderRequest(AAPL, OrderSide.SELL, OrderType.STOP_LIMIT, TimeInForce.GTC, Quantity.of("1"),
                Price.of("99"), null);
        RiskDecision decision = fresh(NONE, request);
        assertThat(decision.reason()).isEqualTo(RiskReason.PRICE_MISSING);
        assertThat(decision.detail()).contains("stop");
    }

    @Test
    void deniesPriceOffTheTickGrid() {
        RiskDecision decision = fresh(NONE, buy("1", "100.005"));
        assertThat(decision.reason()).isEqualTo(RiskReason.PRICE_NOT_TICK_MULTIPLE);
        assertThat(decision.detail()).contains("100.005").contains("tick size 0.01");
        RiskDecision es = fresh(NONE, OrderRequest.stop(ES, OrderSide.SELL, Quantity.of("1"), Price.of("4000.10")));
        assertThat(es.reason()).isEqualTo(RiskReason.PRICE_NOT_TICK_MULTIPLE);
    }

    @Test
    void deniesNegativeAndZeroPrices() {
        RiskDecision negative = fresh(NONE, buy("1", "-1"));
        assertThat(negative.reason()).isEqualTo(RiskReason.PRICE_NOT_POSITIVE);
        assertThat(negative.detail()).contains("-1");
        assertThat(fresh(NONE, buy("1", "0")).reason()).isEqualTo(RiskReason.PRICE_NOT_POSITIVE);
    }

    // --- fail closed ------------------------------------------------------------------------------------

    @Test
    void deniesMarketOrderWithoutALastPrice() {
        RiskDecision decision = fresh(NONE, OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("1")));
        assertThat(decision.reason()).isEqualTo(RiskReason.NO_REFERENCE_PRICE);
        assertThat(decision.detail()).contains("AAPL").contains("MARKET");
    }

    @Test
    void valuesAMarketOrderAtTheLastPrice() {
        RiskLimits limits = RiskLimits.basic(Money.of("1000"), null, null, false);
        Consumer<Fixture> marked = f -> f.portfolio.mark(AAPL, Price.of("100"));
        // 10 x 100 = 1000 at the limit; 11 x 100 = 1100 over
        assertThat(fresh(limits, marked, OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))).allowed()).isTrue();
        assertThat(fresh(limits, marked, OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("11"))).reason())
                .isEqualTo(RiskReason.MAX_ORDER_NOTIONAL);
    }

    @Test
    void deniesOrderForAnUnknownSymbol() {
        RiskDecision decision = fresh(NONE, OrderRequest.limit(Symbol.of("ZZZ"), OrderSide.BUY, Quantity.of("1"), Price.of("1")));
        assertThat(decision.reason()).isEqualTo(RiskReason.UNKNOWN_INSTRUMENT);
        assertThat(decision.detail()).contains("ZZZ");
    }

    // --- reservations ---------------------------------------------------------------------------------

    @Test
    void canceledOrderReleasesItsReservation() {
        Fixture f = new Fixture(RiskLimits.defaults());
        // 1000 @ 100 reserves all 100000 of buying power
        ClientOrderId first = f.working(buy("1000", "100"));
        assertThat(f.risk.reservedExposure()).isEqualTo(Money.of("100000"));
        assertThat(f.decide(buy("1", "100")).reason()).isEqualTo(RiskReason.INSUFFICIENT_BUYING_POWER);
        f.orders.requestCancel(first);
        assertThat(f.risk.reservedExposure()).as("still reserved while the cancel is pending").isEqualTo(Money.of("100000"));
        f.orders.onReport(new OrderCanceled(first, "requested", 2));
        assertThat(f.risk.reservedExposure()).isEqualTo(Money.ZERO);
        assertThat(f.decide(buy("1000", "100")).allowed()).isTrue();
    }

    @Test
    void fillsShrinkTheReservationAsExposureMovesIntoThePosition() {
        Fixture f = new Fixture(RiskLimits.defaults());
        ClientOrderId id = f.working(buy("100", "100"));
        Fill fill = new Fill(id, "t1", AAPL, OrderSide.BUY, Quantity.of("40"), Price.of("100"), Money.ZERO, 2);
        f.portfolio.book(fill, S1);
        f.orders.onReport(fill);
        // 60 leaves x 100 = 6000 reserved; gross 40 x 100 = 4000
        assertThat(f.risk.reservedExposure()).isEqualTo(Money.of("6000"));
        assertThat(f.portfolio.grossExposure()).isEqualTo(Money.of("4000"));
        Fill rest = new Fill(id, "t2", AAPL, OrderSide.BUY, Quantity.of("60"), Price.of("100"), Money.ZERO, 3);
        f.portfolio.book(rest, S1);
        f.orders.onReport(rest);
        assertThat(f.risk.reservedExposure()).isEqualTo(Money.ZERO);
        // buying power 100000 - 10000 - 0 = 90000: 900 @ 100 fits, 901 does not
        assertThat(f.decide(buy("900", "100")).allowed()).isTrue();
    }

    @Test
    void deniedOrderReservesNothing() {
        Fixture f = new Fixture(RiskLimits.defaults());
        f.decide(buy("2000", "100"));
        assertThat(f.risk.reservedExposure()).isEqualTo(Money.ZERO);
    }

    @Test
    void reducingOrderReservesNothing() {
        Fixture f = new Fixture(RiskLimits.defaults());
        f.own(OrderSide.BUY, "100", "100");
        f.working(sell("100", "100"));
        assertThat(f.risk.reservedExposure()).isEqualTo(Money.ZERO);
    }

    // --- modify -----------------------------------------------------------------------------------------

    @Test
    void deniesModifyThatRaisesTheQuantity() {
        Fixture f = new Fixture(NONE);
        ClientOrderId id = f.working(buy("100", "100"));
        Order order = f.orders.order(id);
        RiskDecision decision = f.risk.checkModify(order, order.request().withQuantity(Quantity.of("101")));
        assertThat(decision.reason()).isEqualTo(RiskReason.MODIFY_RAISES_QUANTITY);
        assertThat(decision.detail()).contains("101").contains("100");
    }

    @Test
    void deniesModifyDownToWhatAlreadyFilled() {
        Fixture f = new Fixture(NONE);
        ClientOrderId id = f.working(buy("100", "100"));
        f.orders.onReport(new Fill(id, "t1", AAPL, OrderSide.BUY, Quantity.of("40"), Price.of("100"), Money.ZERO, 2));
        Order order = f.orders.order(id);
        assertThat(f.risk.checkModify(order, order.request().withQuantity(Quantity.of("40"))).reason())
                .isEqualTo(RiskReason.MODIFY_BELOW_FILLED);
        assertThat(f.risk.checkModify(order, order.request().withQuantity(Quantity.of("41"))).allowed()).isTrue();
    }

    @Test
    void deniesModifyToAnOffTickPrice() {
        Fixture f = new Fixture(NONE);
        ClientOrderId id = f.working(buy("100", "100"));
        Order order = f.orders.order(id);
        assertThat(f.risk.checkModify(order, order.request().withPrices(Price.of("99.999"), null)).reason())
                .isEqualTo(RiskReason.PRICE_NOT_TICK_MULTIPLE);
    }

    @Test
    void deniesOrderWhoseNotionalOverflowsWithItsOwnReasonNamingTheOrder() {
        Fixture f = new Fixture(RiskLimits.defaults());
        f.portfolio.mark(AAPL, Price.of("100"));
        // A billion shares at 100 is 1e11, beyond the largest Money (about 9.2e10): the buying-power rule's
        // notional used to throw ArithmeticException out of the engine.
        RiskDecision decision = f.decide(OrderRequest.market(AAPL, OrderSide.BUY, Quantity.ofUnits(1_000_000_000)));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(RiskReason.FIGURES_OVERFLOW);
        assertThat(decision.detail()).contains("o" + f.next).contains("BUY 1000000000 AAPL").contains("overflow");
        assertThat(f.risk.reservedExposure()).isEqualTo(Money.ZERO);
        // The overflow left nothing behind: the next sane order is judged on its own.
        assertThat(f.decide(buy("10", "100")).allowed()).isTrue();
    }
}
