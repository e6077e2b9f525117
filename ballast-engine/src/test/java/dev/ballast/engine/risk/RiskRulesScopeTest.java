package dev.ballast.engine.risk;

import dev.ballast.model.RiskReason;
import dev.ballast.engine.RecordingBroker;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.order.OrderManager;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full rule set driven through the RiskManager with real Order and Portfolio managers: reducing
 * orders pass the exposure rules when the account is over every limit, strategy-scope limits deny at
 * the strategy's figures while another strategy trades on, and the traffic rules see approvals.
 */
class RiskRulesScopeTest {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol MSFT = Symbol.of("MSFT");
    private static final StrategyId S1 = StrategyId.of("s1");
    private static final StrategyId S2 = StrategyId.of("s2");
    private static final long SECOND = 1_000_000_000L;

    private static final class Fixture {
        final SimulatedClock clock = new SimulatedClock(1);
        final EngineEventBus bus = new EngineEventBus();
        final OrderManager orders = new OrderManager(clock, bus, new RecordingBroker());
        final PortfolioManager portfolio = new PortfolioManager(Money.of("100000"),
                List.of(Instrument.equity(AAPL, "USD"), Instrument.equity(MSFT, "USD")));
        final RiskManager risk;
        int next;

        Fixture(RiskConfig config) {
            risk = new RiskManager(config, portfolio, orders, clock, bus);
            bus.subscribe(risk::on);
            portfolio.mark(AAPL, Price.of("100"));
            portfolio.mark(MSFT, Price.of("100"));
        }

        void own(StrategyId strategy, Symbol symbol, OrderSide side, String quantity) {
            portfolio.book(new Fill(ClientOrderId.of("pre" + next), "pre" + (next++), symbol, side, Quantity.of(quantity),
                    Price.of("100"), Money.ZERO, 1), strategy);
        }

        RiskDecision decide(StrategyId strategy, OrderRequest request) {
            Order order = orders.create(ClientOrderId.of("o" + (++next)), strategy, request, BracketRole.NONE, null);
            return risk.check(order);
        }
    }

    private static OrderRequest buy(Symbol symbol, String quantity) {
        return OrderRequest.limit(symbol, OrderSide.BUY, Quantity.of(quantity), Price.of("100"));
    }

    private static OrderRequest sell(Symbol symbol, String quantity) {
        return OrderRequest.limit(symbol, OrderSide.SELL, Quantity.of(quantity), Price.of("100"));
    }

    private static RiskConfig withStrategy(RiskLimits account, RiskLimits s1) {
        return new RiskConfig(account, Map.of(S1, s1), BreakerLimits.NONE, ZoneOffset.UTC);
    }

    @Test
    void reducingOrdersPassEveryExposureRuleWhenTheAccountIsOverThemAll() {
        // long 2000 AAPL @ 100 with 100000 cash: equity 100000, gross 200000 (leverage 2), one position, 100% concentrated
        RiskLimits tight = RiskLimits.none().withPosition(new PositionLimits(Quantity.of("100"), Money.of("10000"),
                Ratio.of("0.1"), 0, Money.of("50000"), Money.of("50000"), Ratio.of("0.5"), Ratio.of("1")));
        Fixture f = new Fixture(RiskConfig.of(tight));
        f.own(S1, AAPL, OrderSide.BUY, "2000");
        assertThat(f.decide(S1, sell(AAPL, "50")).allowed()).isTrue();
        assertThat(f.decide(S1, sell(AAPL, "1000")).allowed()).isTrue();
        // adding, in the same or another symbol, is denied
        assertThat(f.decide(S1, buy(AAPL, "1")).allowed()).isFalse();
        assertThat(f.decide(S1, buy(MSFT, "1")).allowed()).isFalse();
    }

    @Test
    void eachExposureRuleAloneDeniesAnAddButNotAReduce() {
        List<PositionLimits> each = List.of(
                new PositionLimits(null, null, Ratio.of("0.1"), null, null, null, null, null),
                new PositionLimits(null, null, null, null, Money.of("50000"), null, null, null),
                new PositionLimits(null, null, null, null, null, Money.of("50000"), null, null),
                new PositionLimits(null, null, null, null, null, null, null, Ratio.of("1")));
        List<RiskReason> reasons = List.of(RiskReason.MAX_POSITION_FRACTION_OF_EQUITY, RiskReason.MAX_GROSS_EXPOSURE,
                RiskReason.MAX_NET_EXPOSURE, RiskReason.LEVERAGE);
        for (int i = 0; i < each.size(); i++) {
            Fixture f = new Fixture(RiskConfig.of(RiskLimits.none().withPosition(each.get(i))));
            f.own(S1, AAPL, OrderSide.BUY, "2000");
            assertThat(f.decide(S1, buy(AAPL, "1")).reason()).as(reasons.get(i).name()).isEqualTo(reasons.get(i));
            assertThat(f.decide(S1, sell(AAPL, "1")).allowed()).as(reasons.get(i).name()).isTrue();
        }
    }

    @Test
    void aStrategyGrossLimitDeniesAtItsOwnFiguresWhileAnotherStrategyTradesOn() {
        RiskLimits account = RiskLimits.none().withPosition(new PositionLimits(null, null, null, null, Money.of("100000"),
                null, null, null));
        RiskLimits s1 = RiskLimits.none().withPosition(new PositionLimits(null, null, null, null, Money.of("20000"),
                null, null, null));
        Fixture f = new Fixture(withStrategy(account, s1));
        // s1 holds 150 AAPL (15000), s2 holds 300 MSFT (30000): account gross 45000
        f.own(S1, AAPL, OrderSide.BUY, "150");
        f.own(S2, MSFT, OrderSide.BUY, "300");
        // s1: 15000 + 5000 = 20000 at its limit; + 5100 = 20100 over
        assertThat(f.decide(S1, buy(AAPL, "50")).allowed()).isTrue();
        Fixture g = new Fixture(withStrategy(account, s1));
        g.own(S1, AAPL, OrderSide.BUY, "150");
        g.own(S2, MSFT, OrderSide.BUY, "300");
        RiskDecision over = g.decide(S1, buy(AAPL, "51"));
        assertThat(over.reason()).isEqualTo(RiskReason.MAX_GROSS_EXPOSURE);
        assertThat(over.detail()).startsWith("strategy s1 gross exposure would reach 20100.00");
        // s2 has no limits of its own: only the account's (45000 + 5100 well under 100000)
        assertThat(g.decide(S2, buy(AAPL, "51")).allowed()).isTrue();
    }

    @Test
    void aStrategyLeverageLimitCountsItsOwnOpenOrdersAsFilled() {
        RiskLimits s1 = RiskLimits.none().withPosition(new PositionLimits(null, null, null, null, null, null, null,
                Ratio.of("0.5")));
        Fixture f = new Fixture(withStrategy(RiskLimits.none(), s1));
        // s1 reserves 30000 with an approved buy; 0.5 x 100000 = 50000 leaves 20000
        assertThat(f.decide(S1, buy(AAPL, "300")).allowed()).isTrue();
        assertThat(f.decide(S1, buy(MSFT, "200")).allowed()).isTrue();
        RiskDecision over = f.decide(S1, buy(MSFT, "1"));
        assertThat(over.reason()).isEqualTo(RiskReason.LEVERAGE);
        assertThat(over.detail()).contains("strategy s1 leverage would reach 0.50").contains("gross 50100.00");
        assertThat(f.decide(S2, buy(MSFT, "1000")).allowed()).isTrue();
    }

    @Test
    void aStrategyRateLimitThrottlesItWhileAnotherStrategyIsUnaffected() {
        RiskLimits s1 = RiskLimits.none().withOrder(new OrderLimits(null, null, null, null, null, 2));
        Fixture f = new Fixture(withStrategy(RiskLimits.none(), s1));
        assertThat(f.decide(S1, buy(AAPL, "1")).allowed()).isTrue();
        assertThat(f.decide(S1, buy(AAPL, "2")).allowed()).isTrue();
        RiskDecision third = f.decide(S1, buy(AAPL, "3"));
        assertThat(third.reason()).isEqualTo(RiskReason.ORDER_RATE);
        assertThat(third.detail()).contains("strategy s1 had 2 orders approved in the last second").contains("limit 2");
        for (int i = 0; i < 5; i++) assertThat(f.decide(S2, buy(AAPL, Integer.toString(10 + i))).allowed()).isTrue();
        // both s1 approvals were at time 1: exactly a second later they have left the window
        f.clock.advanceTo(1 + SECOND - 1);
        assertThat(f.decide(S1, buy(AAPL, "3")).reason()).isEqualTo(RiskReason.ORDER_RATE);
        f.clock.advanceTo(1 + SECOND);
        assertThat(f.decide(S1, buy(AAPL, "3")).allowed()).isTrue();
    }

    @Test
    void anAccountRateLimitCountsEveryStrategy() {
        RiskLimits account = RiskLimits.none().withOrder(new OrderLimits(null, null, null, null, null, 3));
        Fixture f = new Fixture(RiskConfig.of(account));
        assertThat(f.decide(S1, buy(AAPL, "1")).allowed()).isTrue();
        assertThat(f.decide(S2, buy(AAPL, "2")).allowed()).isTrue();
        assertThat(f.decide(S1, buy(AAPL, "3")).allowed()).isTrue();
        RiskDecision fourth = f.decide(S2, buy(AAPL, "4"));
        assertThat(fourth.reason()).isEqualTo(RiskReason.ORDER_RATE);
        assertThat(fourth.detail()).startsWith("account had 3");
    }

    @Test
    void anIdenticalOrderWithinTheDuplicateWindowIsDenied() {
        RiskLimits account = RiskLimits.none().withOrder(new OrderLimits(null, null, null, null, Duration.ofMillis(500), null));
        Fixture f = new Fixture(RiskConfig.of(account));
        assertThat(f.decide(S1, buy(AAPL, "10")).allowed()).isTrue();
        RiskDecision duplicate = f.decide(S1, buy(AAPL, "10"));
        assertThat(duplicate.reason()).isEqualTo(RiskReason.DUPLICATE_ORDER);
        assertThat(duplicate.detail()).contains("s1 BUY 10 AAPL LIMIT limit 100").contains("account duplicate window of 500 ms");
        // another strategy's identical order is its own
        assertThat(f.decide(S2, buy(AAPL, "10")).allowed()).isTrue();
        f.clock.advanceTo(1 + 500_000_000L - 1);
        assertThat(f.decide(S1, buy(AAPL, "10")).reason()).isEqualTo(RiskReason.DUPLICATE_ORDER);
        f.clock.advanceTo(1 + 500_000_000L);
        assertThat(f.decide(S1, buy(AAPL, "10")).allowed()).isTrue();
    }

    @Test
    void aStrategyOpenOrdersLimitDeniesAtItsOwnCount() {
        RiskLimits s1 = RiskLimits.none().withOrder(new OrderLimits(null, null, null, 1, null, null));
        Fixture f = new Fixture(withStrategy(RiskLimits.none(), s1));
        Order first = f.orders.create(ClientOrderId.of("w1"), S1, buy(AAPL, "1"), BracketRole.NONE, null);
        assertThat(f.risk.check(first).allowed()).isTrue();
        f.orders.submit(first.id());
        RiskDecision second = f.decide(S1, buy(AAPL, "2"));
        assertThat(second.reason()).isEqualTo(RiskReason.MAX_OPEN_ORDERS);
        assertThat(second.detail()).startsWith("strategy s1 would have 2 open orders");
        assertThat(f.decide(S2, buy(AAPL, "2")).allowed()).isTrue();
    }

    @Test
    void aPricedOrderIsDeniedByTheCollarWhenTheSymbolHasNoPriceYet() {
        RiskLimits account = RiskLimits.none().withOrder(new OrderLimits(null, null, Ratio.of("0.05"), null, null, null));
        Fixture f = new Fixture(RiskConfig.of(account));
        Symbol unpriced = Symbol.of("NEW");
        PortfolioManager portfolio = new PortfolioManager(Money.of("100000"), List.of(Instrument.equity(unpriced, "USD")));
        RiskManager risk = new RiskManager(RiskConfig.of(account), portfolio, f.orders, f.clock, f.bus);
        Order order = f.orders.create(ClientOrderId.of("n1"), S1, OrderRequest.limit(unpriced, OrderSide.BUY, Quantity.of("1"),
                Price.of("10")), BracketRole.NONE, null);
        RiskDecision decision = risk.check(order);
        assertThat(decision.reason()).isEqualTo(RiskReason.PRICE_COLLAR);
        assertThat(decision.detail()).contains("no last price for NEW");
    }
}
