package dev.ballast.engine.risk;

import dev.ballast.model.RiskReason;
import dev.ballast.engine.RecordingBroker;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.order.OrderManager;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.rules.CorrelationRule;
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
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderAccepted;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correlation limit through the RiskManager, at its boundary, with figures worked out by hand.
 *
 * <p>Bars at t = 0..6 (window 5: the returns of steps 1..5 are committed once the t = 6 bars arrive):
 * <pre>
 *   AAA 100 102  99 103  98 101 100
 *   BBB = 2 x AAA               (corr +1)
 *   DDD = 10000 / AAA           (corr -1)
 *   CCC  50  50  51  50  50  51  50   (corr with AAA -0.313: under the 0.8 threshold)
 *   EEE only from t = 4: 10 10.5 10   (one return in the window: unknown)
 * </pre>
 * Positions are booked at the last closes, so equity stays 100000; the cap is 25% of it, 25000. An
 * allowed check reserves the exposure it adds, so every decision below runs on a fresh fixture.
 */
class CorrelationRuleTest {
    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final Symbol CCC = Symbol.of("CCC");
    private static final Symbol DDD = Symbol.of("DDD");
    private static final Symbol EEE = Symbol.of("EEE");
    private static final StrategyId S1 = StrategyId.of("s1");
    private static final StrategyId S2 = StrategyId.of("s2");
    private static final CorrelationLimits QUARTER = new CorrelationLimits(5, 0.8, Ratio.ofPercent("25"));
    private static final RiskLimits LIMITS = RiskLimits.defaults().withCorrelation(QUARTER);

    private static final double[] AAA_CLOSES = {100, 102, 99, 103, 98, 101, 100};
    private static final double[] CCC_CLOSES = {50, 50, 51, 50, 50, 51, 50};

    private static final class Fixture {
        final SimulatedClock clock = new SimulatedClock(1);
        final EngineEventBus bus = new EngineEventBus();
        final OrderManager orders = new OrderManager(clock, bus, new RecordingBroker());
        final PortfolioManager portfolio = new PortfolioManager(Money.of("100000"), List.of(
                Instrument.equity(AAA, "USD"), Instrument.equity(BBB, "USD"), Instrument.equity(CCC, "USD"),
                Instrument.equity(DDD, "USD"), Instrument.equity(EEE, "USD")));
        final RiskManager risk;
        int next;

        Fixture(RiskConfig config) {
            risk = new RiskManager(config, portfolio, orders, clock, bus);
            bus.subscribe(risk::on);
        }

        Fixture(RiskLimits limits) {
            this(RiskConfig.of(limits));
        }

        /** The bars of the class comment, marked and fed to the RiskManager as the engine does. */
        Fixture withHistory() {
            for (int t = 0; t < AAA_CLOSES.length; t++) {
                feed(AAA, t, AAA_CLOSES[t]);
                feed(BBB, t, 2 * AAA_CLOSES[t]);
                feed(DDD, t, 10_000 / AAA_CLOSES[t]);
                feed(CCC, t, CCC_CLOSES[t]);
                if (t >= 4) feed(EEE, t, t == 5 ? 10.5 : 10);
            }
            return this;
        }

        void feed(Symbol symbol, long t, double close) {
            Price price = Price.ofRaw(Math.round(close * 100_000_000L));
            Bar bar = new Bar(symbol, t, price, price, price, price, Quantity.ofUnits(1000));
            portfolio.mark(symbol, price);
            risk.onMarketData(bar, portfolio.equityRaw());
        }

        Fixture own(StrategyId owner, Symbol symbol, String quantity, String price) {
            portfolio.book(new Fill(ClientOrderId.of("pre" + next), "pre" + (next++), symbol, OrderSide.BUY,
                    Quantity.of(quantity), Price.of(price), Money.ZERO, 1), owner);
            return this;
        }

        Fixture own(Symbol symbol, String quantity, String price) {
            return own(S1, symbol, quantity, price);
        }

        RiskDecision decide(OrderRequest request) {
            Order order = orders.create(ClientOrderId.of("o" + (++next)), S1, request, BracketRole.NONE, null);
            return risk.check(order);
        }

        void working(OrderRequest request) {
            ClientOrderId id = ClientOrderId.of("o" + (++next));
            Order order = orders.create(id, S1, request, BracketRole.NONE, null);
            RiskDecision decision = risk.check(order);
            assertThat(decision.allowed()).as(decision.detail()).isTrue();
            orders.submit(id);
            orders.onReport(new OrderAccepted(id, "v", 1));
        }
    }

    private static OrderRequest buy(Symbol symbol, String quantity, String limit) {
        return OrderRequest.limit(symbol, OrderSide.BUY, Quantity.of(quantity), Price.of(limit));
    }

    private static OrderRequest sell(Symbol symbol, String quantity, String limit) {
        return OrderRequest.limit(symbol, OrderSide.SELL, Quantity.of(quantity), Price.of(limit));
    }

    /** AAA 100 @ 100 = 10000, BBB 50 @ 200 = 10000 (corr +1 with AAA), CCC 400 @ 50 = 20000 (uncorrelated). */
    private static Fixture boundary() {
        return new Fixture(LIMITS).withHistory()
                .own(AAA, "100", "100").own(BBB, "50", "200").own(CCC, "400", "50");
    }

    @Test
    void theHistoryGivesTheCorrelationsOfTheComment() {
        Fixture f = boundary();
        assertThat(f.portfolio.equity()).isEqualTo(Money.of("100000"));
        CorrelationTracker tracker = new CorrelationTracker(5);
        for (int t = 0; t < AAA_CLOSES.length; t++) {
            tracker.onBar(new Bar(AAA, t, Price.of("1"), Price.of("1"), Price.of("1"), Price.of(String.valueOf(AAA_CLOSES[t])), Quantity.ofUnits(1)));
            tracker.onBar(new Bar(CCC, t, Price.of("1"), Price.of("1"), Price.of("1"), Price.of(String.valueOf(CCC_CLOSES[t])), Quantity.ofUnits(1)));
        }
        assertThat(tracker.correlation(AAA, CCC)).isBetween(-0.32, -0.31);
    }

    @Test
    void allowsCorrelatedExposureJustUnderAndAtTheCap() {
        // AAA 10000 + BBB 10000 + 49 x 100 = 24900; + 50 x 100 = 25000 (at the cap is allowed). CCC does not count.
        assertThat(boundary().decide(buy(AAA, "49", "100")).allowed()).isTrue();
        RiskDecision at = boundary().decide(buy(AAA, "50", "100"));
        assertThat(at.allowed()).as(at.detail()).isTrue();
    }

    @Test
    void deniesCorrelatedExposureJustOverTheCapWithTheFigures() {
        // 10000 + 10000 + 51 x 100 = 25100 > 25000
        RiskDecision decision = boundary().decide(buy(AAA, "51", "100"));
        assertThat(decision.reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        assertThat(decision.detail())
                .contains("account correlated exposure of AAA 25100.00 over the cap 25000.00")
                .contains("25% of equity 100000.00")
                .contains("AAA 10000.00 (itself)")
                .contains("BBB 10000.00 (corr 1.0000)")
                .contains("this order adds 5100.00")
                .doesNotContain("CCC");
    }

    @Test
    void anUncorrelatedSymbolOnlyCountsItself() {
        // CCC 20000 + 100 x 50 = 25000 allowed; 101 x 50 -> 25050 denied; AAA and BBB do not count
        assertThat(boundary().decide(buy(CCC, "100", "50")).allowed()).isTrue();
        RiskDecision over = boundary().decide(buy(CCC, "101", "50"));
        assertThat(over.reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        assertThat(over.detail()).contains("25050.00").contains("CCC 20000.00 (itself)").doesNotContain("AAA").doesNotContain("BBB");
    }

    @Test
    void anAntiCorrelatedPositionCounts() {
        // DDD 100 @ 100 = 10000 (corr -1 with AAA) + 150 x 100 = 25000 allowed; 151 -> 25100 denied
        Fixture at = new Fixture(LIMITS).withHistory().own(DDD, "100", "100");
        assertThat(at.decide(buy(AAA, "150", "100")).allowed()).isTrue();
        RiskDecision over = new Fixture(LIMITS).withHistory().own(DDD, "100", "100").decide(buy(AAA, "151", "100"));
        assertThat(over.reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        assertThat(over.detail()).contains("DDD 10000.00 (corr -1.0000)").contains("25100.00");
    }

    @Test
    void anUnknownCorrelationCountsAsCorrelated() {
        // EEE has one return in the window: unknown, counted. AAA 10000 + BBB 10000 + EEE 100 x 10 = 1000
        // + 40 x 100 = 25000 allowed; 41 x 100 -> 25100 denied. EEE was 10.5 at t = 5, 10 at t = 6.
        assertThat(boundary().own(EEE, "100", "10").decide(buy(AAA, "40", "100")).allowed()).isTrue();
        RiskDecision over = boundary().own(EEE, "100", "10").decide(buy(AAA, "41", "100"));
        assertThat(over.reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        assertThat(over.detail()).contains("EEE 1000.00 (corr unknown, 1/5 observations: counted)").contains("25100.00");
    }

    @Test
    void withNoHistoryEveryPositionCountsButAFirstPositionThatFitsAloneGoesThrough() {
        // No bars at all: 250 x 100 = 25000 fits alone; 251 does not
        assertThat(new Fixture(LIMITS).decide(buy(AAA, "250", "100")).allowed()).isTrue();
        assertThat(new Fixture(LIMITS).decide(buy(AAA, "251", "100")).reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        // Two steps of bars (no return yet): a held CCC of 5000 counts with AAA although they are unrelated.
        RiskDecision under = twoSteps().decide(buy(AAA, "196", "102"));   // 5000 + 19992 = 24992
        assertThat(under.allowed()).as(under.detail()).isTrue();
        RiskDecision over = twoSteps().decide(buy(AAA, "197", "102"));    // 5000 + 20094 = 25094
        assertThat(over.reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        assertThat(over.detail()).contains("CCC 5000.00 (corr unknown, 0/5 observations: counted)").contains("25094.00");
    }

    /** Bars at t = 0 and 1 only (no return committed yet), then CCC 100 @ 50 = 5000 held. */
    private static Fixture twoSteps() {
        Fixture f = new Fixture(LIMITS);
        for (int t = 0; t < 2; t++) {
            f.feed(AAA, t, AAA_CLOSES[t]);
            f.feed(CCC, t, CCC_CLOSES[t]);
        }
        return f.own(CCC, "100", "50");
    }

    @Test
    void exposureReservedByOpenOrdersCountsWhateverTheirSymbol() {
        // A working buy of 10 CCC @ 50 reserves 500: AAA 10000 + BBB 10000 + 500 + 45 x 100 = 25000 allowed; 46 denied
        Fixture at = boundary();
        at.working(buy(CCC, "10", "50"));
        assertThat(at.risk.reservedExposure()).isEqualTo(Money.of("500"));
        assertThat(at.decide(buy(AAA, "45", "100")).allowed()).isTrue();
        Fixture over46 = boundary();
        over46.working(buy(CCC, "10", "50"));
        RiskDecision over = over46.decide(buy(AAA, "46", "100"));
        assertThat(over.reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        assertThat(over.detail()).contains("open orders 500.00").contains("25100.00");
    }

    @Test
    void ordersThatOnlyReduceAreNotAffected() {
        // Cap 10% = 10000, already 20000 correlated (AAA + BBB): adding is denied, reducing goes through.
        RiskLimits tight = RiskLimits.defaults().withCorrelation(new CorrelationLimits(5, 0.8, Ratio.ofPercent("10")));
        Fixture f = new Fixture(tight).withHistory().own(AAA, "100", "100").own(BBB, "50", "200");
        assertThat(f.decide(buy(AAA, "1", "100")).reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        assertThat(f.decide(buy(BBB, "1", "200")).reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        RiskDecision reduce = f.decide(sell(AAA, "50", "100"));
        assertThat(reduce.allowed()).as(reduce.detail()).isTrue();
        assertThat(f.decide(sell(BBB, "50", "200")).allowed()).isTrue();
    }

    @Test
    void aStrategyWithItsOwnCorrelationLimitIsCheckedOnItsOwnPositions() {
        // Account cap 50% (50000); s1's own cap 15% (15000). s1 holds AAA 10000, s2 holds BBB 10000.
        RiskLimits account = RiskLimits.defaults().withCorrelation(new CorrelationLimits(5, 0.8, Ratio.ofPercent("50")));
        RiskLimits strategy = RiskLimits.none().withCorrelation(new CorrelationLimits(5, 0.8, Ratio.ofPercent("15")));
        RiskConfig config = new RiskConfig(account, Map.of(S1, strategy), BreakerLimits.NONE, ZoneOffset.UTC);
        // s1: 10000 + 50 x 100 = 15000 allowed (s2's BBB is not s1's); account: 25000 of 50000
        Fixture at = new Fixture(config).withHistory().own(S1, AAA, "100", "100").own(S2, BBB, "50", "200");
        assertThat(at.decide(buy(AAA, "50", "100")).allowed()).isTrue();
        RiskDecision over = new Fixture(config).withHistory().own(S1, AAA, "100", "100").own(S2, BBB, "50", "200")
                .decide(buy(AAA, "51", "100"));
        assertThat(over.reason()).isEqualTo(RiskReason.CORRELATED_EXPOSURE);
        assertThat(over.detail()).startsWith("strategy s1 correlated exposure of AAA 15100.00 over the cap 15000.00");
        // The account scope (checked first) counts s2's BBB: 10000 + 10000 + 301 x 100 = 50100 > 50000.
        RiskDecision account301 = new Fixture(config).withHistory().own(S1, AAA, "100", "100").own(S2, BBB, "50", "200")
                .decide(buy(AAA, "301", "100"));
        assertThat(account301.detail()).startsWith("account correlated exposure of AAA 50100.00 over the cap 50000.00");
    }

    @Test
    void noPositiveEquityDenies() {
        Fixture f = new Fixture(LIMITS).withHistory();
        Order order = f.orders.create(ClientOrderId.of("x"), S1, buy(AAA, "1", "100"), BracketRole.NONE, null);
        Instrument instrument = f.portfolio.instrument(AAA);
        ScopeFigures figures = new ScopeFigures(0, 0, 100_000_000L, 0, 0, 0, 0, 0, 0);
        CorrelationRule rule = new CorrelationRule(new CorrelationTracker(5), f.portfolio);
        for (String equity : List.of("0", "-1")) {
            OrderCheck check = new OrderCheck(order, instrument, Price.of("100"), Price.of("100"), 1, Money.of(equity),
                    Money.ZERO, RiskScope.ACCOUNT, figures, LIMITS);
            assertThat(rule.check(check).reason()).isEqualTo(RiskReason.NO_EQUITY);
        }
        OrderCheck positive = new OrderCheck(order, instrument, Price.of("100"), Price.of("100"), 1, Money.of("1000"),
                Money.ZERO, RiskScope.ACCOUNT, figures, LIMITS);
        assertThat(rule.check(positive).allowed()).isTrue();   // 100 of a 250 cap
        OrderCheck noLimits = new OrderCheck(order, instrument, Price.of("100"), Price.of("100"), 1, Money.ZERO,
                Money.ZERO, RiskScope.ACCOUNT, figures, RiskLimits.none());
        assertThat(rule.check(noLimits).allowed()).isTrue();   // a scope without correlation limits is not checked here
    }
}
