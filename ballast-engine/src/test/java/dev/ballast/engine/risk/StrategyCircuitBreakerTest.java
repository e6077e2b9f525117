package dev.ballast.engine.risk;

import dev.ballast.model.RiskReason;
import dev.ballast.model.TradingStateReason;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.RequestRefused;
import dev.ballast.model.event.RiskActionRequested;
import dev.ballast.model.event.TradingStateChanged;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strategy circuit breaker driven directly with engine events: each threshold just under, at and
 * just over its limit with trade sequences worked by hand, the cooldown, the reject burst, and
 * strategies that must not be touched. A "trade of r" is: buy 1 XYZ at 1000, sell 1 at 1000 + r, no
 * commission, so its result is exactly r.
 */
class StrategyCircuitBreakerTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S1 = StrategyId.of("s1");
    private static final StrategyId S2 = StrategyId.of("s2");
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final Duration COOLDOWN = Duration.ofHours(1);

    private static PerformanceLimits limits(int window, int minTrades) {
        return new PerformanceLimits(window, minTrades, null, null, null, null, null, null, COOLDOWN);
    }

    private static final class Fixture {
        final SimulatedClock clock = new SimulatedClock(T0);
        final EngineEventBus bus = new EngineEventBus();
        final PortfolioManager portfolio = new PortfolioManager(Money.ofUnits(1_000_000), List.of(Instrument.equity(XYZ, "USD")));
        final TradingStates states = new TradingStates(clock, bus);
        final List<String> cancels = new ArrayList<>();
        final List<TradingStateChanged> changes = new ArrayList<>();
        final StrategyCircuitBreaker breaker;
        long now = T0;
        int sequence;

        Fixture(PerformanceLimits performance) {
            this(new RiskConfig(RiskLimits.none().withPerformance(performance), Map.of(), BreakerLimits.NONE, ZoneOffset.UTC));
        }

        Fixture(RiskConfig config) {
            breaker = new StrategyCircuitBreaker(config, portfolio, states, new RiskActions(clock, bus));
            bus.subscribe(event -> {
                if (!(event instanceof RiskActionRequested request)) return;
                if (request.action() == RiskActionRequested.Action.FLATTEN) throw new AssertionError("the breaker never flattens");
                RiskScope scope = request.isAccount() ? RiskScope.ACCOUNT : RiskScope.of(request.strategyId());
                cancels.add(scope + ": " + request.reason());
            });
            bus.subscribe(event -> {
                if (event instanceof TradingStateChanged change) changes.add(change);
            });
        }

        void tick(long nanos) {
            now += nanos;
            clock.advanceTo(now);
        }

        void event(EngineEvent event) {
            breaker.on(event);
        }

        void fill(StrategyId strategy, OrderSide side, long quantity, String price, String commission) {
            sequence++;
            Fill fill = new Fill(ClientOrderId.of("f" + sequence), "t" + sequence, XYZ, side, Quantity.ofUnits(quantity),
                    Price.of(price), Money.of(commission), now);
            portfolio.book(fill, strategy);
            event(new FillBooked(fill, strategy, now));
            tick(SECOND);
        }

        /** Buys 1 at 1000 and sells it at 1000 + result: one trade whose result is {@code result}. */
        void trade(StrategyId strategy, String result) {
            fill(strategy, OrderSide.BUY, 1, "1000", "0");
            fill(strategy, OrderSide.SELL, 1, new BigDecimal("1000").add(new BigDecimal(result)).toPlainString(), "0");
        }

        void trades(StrategyId strategy, String... results) {
            for (String result : results) trade(strategy, result);
        }

        TradingState state(StrategyId strategy) {
            return states.state(RiskScope.of(strategy));
        }

        Order submit(StrategyId strategy) {
            sequence++;
            Order order = Order.initialized(ClientOrderId.of(strategy.value() + "-o" + sequence), strategy,
                    OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)), now, BracketRole.NONE, null)
                    .withStatus(OrderStatus.SUBMITTED, now);
            event(new OrderUpdated(order, OrderStatus.INITIALIZED, now));
            return order;
        }

        void reject(Order order) {
            event(new OrderUpdated(order.withStatus(OrderStatus.REJECTED, now), OrderStatus.SUBMITTED, now));
        }

        TradingStateChanged lastChange() {
            return changes.getLast();
        }
    }

    // --- rolling P&L: trips when the sum of the window's results is below minRollingPnl ---

    private static PerformanceLimits minPnl(int window, String min) {
        return new PerformanceLimits(window, 1, Money.of(min), null, null, null, null, null, COOLDOWN);
    }

    @Test
    void rollingPnlJustAboveTheMinimumStaysActive() {
        Fixture f = new Fixture(minPnl(3, "-100"));
        f.trades(S1, "-60", "-39.99"); // -99.99
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        assertThat(f.cancels).isEmpty();
    }

    @Test
    void rollingPnlAtTheMinimumStaysActive() {
        Fixture f = new Fixture(minPnl(3, "-100"));
        f.trades(S1, "-60", "-40"); // -100.00: not below
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void rollingPnlBelowTheMinimumHaltsForTheCooldownAndCancels() {
        Fixture f = new Fixture(minPnl(3, "-100"));
        f.trades(S1, "-60");
        long tripTime = f.now + SECOND; // the closing fill of the next trade
        f.trades(S1, "-40.01"); // -100.01
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        TradingStateChanged change = f.lastChange();
        assertThat(change.strategyId()).isEqualTo(S1);
        assertThat(change.reasonCode()).isEqualTo(TradingStateReason.PERFORMANCE_BREAKER);
        assertThat(change.detail()).contains("rolling P&L -100.01", "last 2 trades", "minimum -100.00");
        assertThat(f.cancels).hasSize(1).first().asString().startsWith("strategy s1: performance breaker");

        f.states.onTime(tripTime + COOLDOWN.toNanos() - 1);
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        f.states.onTime(tripTime + COOLDOWN.toNanos());
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        assertThat(f.lastChange().reasonCode()).isEqualTo(TradingStateReason.COOLDOWN_ENDED);
    }

    @Test
    void rollingPnlCountsOnlyTheLastWindowTrades() {
        Fixture f = new Fixture(minPnl(2, "-100"));
        // Windows of two: [-90], [-90, 0] = -90, [0, -20] = -20, [-20, -80] = -100 (at), [-80, -20.01] = -100.01
        f.trades(S1, "-90", "0", "-20", "-80");
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "-20.01");
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.lastChange().detail()).contains("-100.01");
    }

    @Test
    void aTradeResultIsTheClosingFillsRealizedPnlNetOfItsOwnCommission() {
        Fixture f = new Fixture(minPnl(5, "-1.50"));
        // Opening commission (5.00) is not in the trade; closing: +1.00 realized - 2.50 commission = -1.50 (at).
        f.fill(S1, OrderSide.BUY, 1, "100", "5");
        f.fill(S1, OrderSide.SELL, 1, "101", "2.50");
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        // Buy 10 at 100, close in two partial fills: each partial close is a trade. -0.01 more: trips.
        f.fill(S1, OrderSide.BUY, 10, "100", "0");
        f.fill(S1, OrderSide.SELL, 4, "100", "0"); // 0: sum -1.50
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.fill(S1, OrderSide.SELL, 6, "100", "0.01"); // -0.01: sum -1.51
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void aFillThatFlipsThePositionIsOneTradeAndTheNewSideClosesLater() {
        Fixture f = new Fixture(minPnl(5, "-10"));
        f.fill(S1, OrderSide.BUY, 1, "100", "0");
        f.fill(S1, OrderSide.SELL, 3, "95", "0"); // closes the long: -5; opens short 2 at 95
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.fill(S1, OrderSide.BUY, 2, "97.51", "0"); // closes the short: -5.02; sum -10.02
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.lastChange().detail()).contains("-10.02", "last 2 trades");
    }

    // --- rolling drawdown: peak-to-trough of the cumulative result in the window, from 0 ---

    private static PerformanceLimits maxDrawdown(int window, String max) {
        return new PerformanceLimits(window, 1, null, Money.of(max), null, null, null, null, COOLDOWN);
    }

    @Test
    void rollingDrawdownAtTheMaximumStaysActiveAndJustOverTrips() {
        Fixture f = new Fixture(maxDrawdown(5, "100"));
        // Cumulative 50, -10, -50: peak 50, trough -50, drawdown 100.00 (at)
        f.trades(S1, "50", "-60", "-40");
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        // -0.01 more: cumulative -50.01, drawdown 100.01
        f.trades(S1, "-0.01");
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.lastChange().detail()).contains("rolling drawdown 100.01", "maximum 100.00");
    }

    @Test
    void rollingDrawdownJustUnderTheMaximumStaysActive() {
        Fixture f = new Fixture(maxDrawdown(5, "100"));
        f.trades(S1, "50", "-60", "-39.99"); // 99.99
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void rollingDrawdownCountsFromZeroBeforeTheOldestTradeOfTheWindow() {
        Fixture f = new Fixture(maxDrawdown(2, "100"));
        f.trades(S1, "-100"); // from 0 to -100: 100 (at)
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        // Window [-100, +30]: cumulative -100, -70: drawdown 100; then [+30, -100.01]: 30, -70.01: 100.01
        f.trades(S1, "30");
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "-100.01");
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void drawdownOutsideTheWindowIsForgotten() {
        Fixture f = new Fixture(maxDrawdown(2, "100"));
        // [-60, -40] = drawdown 100 (at); then [-40, +10]: 40; [+10, -60]: 60
        f.trades(S1, "-60", "-40", "10", "-60");
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
    }

    // --- consecutive losses: the most allowed in a row; one more trips ---

    private static PerformanceLimits maxLosses(int max) {
        return new PerformanceLimits(50, 1, null, null, max, null, null, null, COOLDOWN);
    }

    @Test
    void consecutiveLossesAtTheMaximumStayActiveOneMoreTrips() {
        Fixture f = new Fixture(maxLosses(3));
        f.trades(S1, "-1", "-1"); // 2: under
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "-1"); // 3: at
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "-0.01"); // 4: over
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.lastChange().detail()).contains("4 losing trades in a row", "maximum 3");
    }

    @Test
    void aBreakEvenOrWinningTradeEndsTheLosingRun() {
        Fixture f = new Fixture(maxLosses(2));
        f.trades(S1, "-1", "-1", "0", "-1", "-1", "0.01", "-1", "-1");
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "-1");
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void aBustedClosingFillIsNotChargedToTheNextTrade() {
        Fixture f = new Fixture(maxLosses(0));
        f.fill(S1, OrderSide.BUY, 1, "1000", "0");
        f.fill(S1, OrderSide.SELL, 1, "1100", "0"); // a trade of +100 (t2)
        // The venue busts the sale: the strategy is long 1 again, and realized nothing.
        Fill sale = f.portfolio.bookedFill("t2").fill();
        f.portfolio.restate("t2", null);
        f.event(new FillBustBooked(sale, "b-1", S1, f.now));
        // Sold at cost: a trade of 0, then a new long opened, not a trade (read wrongly, a loss of 100).
        f.fill(S1, OrderSide.SELL, 1, "1000", "0");
        f.fill(S1, OrderSide.BUY, 1, "1000", "0");
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.fill(S1, OrderSide.SELL, 1, "999.99", "0"); // a real loss of 0.01
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
    }

    // --- win rate: judged once minTrades trades are in the window ---

    private static PerformanceLimits minWinRate(int window, int minTrades, String rate) {
        return new PerformanceLimits(window, minTrades, null, null, null, Ratio.of(rate), null, null, COOLDOWN);
    }

    @Test
    void winRateIsNotJudgedBeforeMinTrades() {
        Fixture f = new Fixture(minWinRate(4, 4, "0.5"));
        f.trades(S1, "-1", "-1", "-1"); // 0 of 3, but only 3 trades
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "-1"); // 0 of 4
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.lastChange().detail()).contains("win rate 0.00%", "0 of 4 trades", "minimum 50%");
    }

    @Test
    void winRateAtTheMinimumStaysActiveJustUnderTrips() {
        Fixture f = new Fixture(minWinRate(4, 4, "0.5"));
        f.trades(S1, "1", "-1", "-1", "1"); // 2 of 4 = 50% (at)
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "1"); // window [-1, -1, 1, 1]: 2 of 4 (the oldest win left)
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "0"); // window [-1, 1, 1, 0]: 2 of 4; a break-even is not a win
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "0"); // window [1, 1, 0, 0]: 2 of 4
        f.trades(S1, "-1"); // window [1, 0, 0, -1]: 1 of 4 = 25%
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void winRateJustAboveTheMinimumStaysActive() {
        Fixture f = new Fixture(minWinRate(5, 5, "0.4"));
        f.trades(S1, "1", "1", "-1", "-1", "-1"); // 2 of 5 = 40% (at)
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        Fixture g = new Fixture(minWinRate(5, 5, "0.40000001"));
        g.trades(S1, "1", "1", "-1", "-1", "-1"); // 40% is just under 40.000001%
        assertThat(g.state(S1)).isEqualTo(TradingState.HALTED);
        Fixture h = new Fixture(minWinRate(5, 5, "0.39999999"));
        h.trades(S1, "1", "1", "-1", "-1", "-1");
        assertThat(h.state(S1)).isEqualTo(TradingState.ACTIVE);
    }

    // --- errors: refusals and denials (not state denials) since the last reset ---

    private static PerformanceLimits maxErrors(int max) {
        return new PerformanceLimits(50, 1, null, null, null, null, max, null, COOLDOWN);
    }

    private static OrderDenied denied(Fixture f, StrategyId strategy, RiskReason reason) {
        Order order = Order.initialized(ClientOrderId.of(strategy.value() + "-d" + (++f.sequence)), strategy,
                OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)), f.now, BracketRole.NONE, null)
                .withStatus(OrderStatus.DENIED, f.now);
        return new OrderDenied(order, reason, "test", f.now);
    }

    @Test
    void errorsAboveTheMaximumTripAndStateDenialsDoNotCount() {
        Fixture f = new Fixture(maxErrors(2));
        f.event(new RequestRefused(S1, ClientOrderId.of("x"), "cancel", RequestRefused.Kind.NOT_OWNED, "no such order of this strategy", f.now));
        f.event(denied(f, S1, RiskReason.TRADING_HALTED));
        f.event(denied(f, S1, RiskReason.REDUCE_ONLY));
        f.event(denied(f, S1, RiskReason.STALE_MARKET_DATA));
        f.event(denied(f, S1, RiskReason.NO_REFERENCE_PRICE));
        f.event(denied(f, S2, RiskReason.MAX_ORDER_NOTIONAL)); // another strategy's
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE); // 1 error
        f.event(denied(f, S1, RiskReason.MAX_ORDER_NOTIONAL)); // 2: at
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.event(new RequestRefused(S1, ClientOrderId.of("y"), "modify", RequestRefused.Kind.INVALID, "MODIFY_RAISES_QUANTITY: modify raises the quantity", f.now)); // 3
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.lastChange().detail()).contains("3 errors since the last reset", "maximum 2", "modify of y refused");
        assertThat(f.state(S2)).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aCancelThatLostTheRaceWithAFillIsNotAnError() {
        Fixture f = new Fixture(maxErrors(0));
        f.event(new RequestRefused(S1, ClientOrderId.of("x"), "cancel", RequestRefused.Kind.NO_LONGER_WORKING,
                "order is FILLED, not cancelable", f.now));
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.event(new RequestRefused(S1, ClientOrderId.of("z"), "cancel", RequestRefused.Kind.NOT_OWNED, "no such order", f.now));
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
    }

    // --- reject rate: over the last window submitted orders, judged at a reject once minTrades orders are in ---

    private static PerformanceLimits maxRejectRate(int window, int minOrders, String rate) {
        return new PerformanceLimits(window, minOrders, null, null, null, null, null, Ratio.of(rate), COOLDOWN);
    }

    @Test
    void rejectRateIsNotJudgedBeforeMinOrders() {
        Fixture f = new Fixture(maxRejectRate(4, 4, "0.25"));
        Order a = f.submit(S1);
        f.submit(S1);
        f.submit(S1);
        f.reject(a); // 1 of 3 = 33%, but only 3 orders
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void rejectRateAtTheMaximumStaysActiveJustOverTrips() {
        Fixture f = new Fixture(maxRejectRate(4, 4, "0.25"));
        Order a = f.submit(S1);
        Order b = f.submit(S1);
        f.submit(S1);
        f.submit(S1);
        f.reject(a); // 1 of 4 = 25% (at)
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.reject(b); // 2 of 4 = 50%
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.lastChange().detail()).contains("reject rate 50.00%", "2 of the last 4 orders", "maximum 25%");
    }

    @Test
    void rejectedOrdersLeaveTheWindowAsNewOrdersAreSubmitted() {
        Fixture f = new Fixture(maxRejectRate(4, 4, "0.25"));
        Order a = f.submit(S1);
        f.reject(a); // 1 of 1, not judged
        for (int i = 0; i < 4; i++) f.submit(S1); // a leaves the window
        Order b = f.submit(S1);
        f.reject(b); // 1 of 4 (at)
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.reject(a); // a repeated or late reject of an order out of the window counts for nothing
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
    }

    // --- reset at a trip, cooldown ---

    @Test
    void aTripResetsTheFiguresSoTheStrategyStartsAfreshAfterTheCooldown() {
        Fixture f = new Fixture(maxLosses(1));
        f.trades(S1, "-1");
        long tripTime = f.now + SECOND;
        f.trades(S1, "-1"); // 2 in a row: trips
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        f.states.onTime(tripTime + COOLDOWN.toNanos());
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "-1"); // 1 since the reset: at the maximum
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.trades(S1, "-1");
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.changes).extracting(TradingStateChanged::reasonCode)
                .containsExactly(TradingStateReason.PERFORMANCE_BREAKER, TradingStateReason.COOLDOWN_ENDED, TradingStateReason.PERFORMANCE_BREAKER);
    }

    @Test
    void otherStrategiesKeepTrading() {
        Fixture f = new Fixture(maxLosses(1));
        f.trades(S2, "5", "-1", "3");
        f.trades(S1, "-1", "-1");
        f.trades(S2, "-1");
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.state(S2)).isEqualTo(TradingState.ACTIVE);
        assertThat(f.cancels).containsExactly("strategy s1: performance breaker: 2 losing trades in a row, more than the maximum 1");
    }

    @Test
    void aStrategysOwnLimitsApplyAndOthersFallBackToTheAccountDefault() {
        RiskConfig config = new RiskConfig(RiskLimits.none().withPerformance(maxLosses(3)),
                Map.of(S1, RiskLimits.none().withPerformance(maxLosses(1))), BreakerLimits.NONE, ZoneOffset.UTC);
        Fixture f = new Fixture(config);
        f.trades(S1, "-1", "-1");
        f.trades(S2, "-1", "-1", "-1");
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.state(S2)).isEqualTo(TradingState.ACTIVE);
        f.trades(S2, "-1");
        assertThat(f.state(S2)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void strategiesWithoutLimitsAreNeverTouched() {
        Fixture f = new Fixture(PerformanceLimits.NONE);
        for (int i = 0; i < 100; i++) f.trades(S1, "-999");
        for (int i = 0; i < 20; i++) f.reject(f.submit(S1));
        f.event(new RequestRefused(S1, ClientOrderId.of("x"), "cancel", RequestRefused.Kind.NOT_OWNED, "no such order", f.now));
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        assertThat(f.changes).isEmpty();
        assertThat(f.cancels).isEmpty();
    }

    // --- broker-reject burst ---

    private static Fixture burst(int rejects, Duration window, Duration pause) {
        return new Fixture(new RiskConfig(RiskLimits.none(), Map.of(), new BreakerLimits(null, rejects, window, pause),
                ZoneOffset.UTC));
    }

    @Test
    void aBurstOfBrokerRejectsPausesTheStrategyAndItResumesAfterThePause() {
        Fixture f = burst(3, Duration.ofSeconds(10), Duration.ofMinutes(1));
        f.reject(f.submit(S1));
        f.tick(5 * SECOND);
        f.reject(f.submit(S1));
        f.reject(f.submit(S2)); // another strategy's reject does not count for s1
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE); // 2 of 3
        f.tick(5 * SECOND);
        f.reject(f.submit(S1)); // third within 10 s (exactly 10 s after the first): pause
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        assertThat(f.state(S2)).isEqualTo(TradingState.ACTIVE);
        assertThat(f.lastChange().reasonCode()).isEqualTo(TradingStateReason.BROKER_REJECT_BURST);
        assertThat(f.lastChange().detail()).contains("3 broker rejects within PT10S", "paused for PT1M");
        assertThat(f.cancels).containsExactly("strategy s1: broker reject burst");

        f.states.onTime(f.now + Duration.ofMinutes(1).toNanos() - 1);
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
        f.states.onTime(f.now + Duration.ofMinutes(1).toNanos());
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);

        // The burst count started again: one more reject does not pause it.
        f.reject(f.submit(S1));
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void rejectsSpreadWiderThanTheWindowDoNotPause() {
        Fixture f = burst(3, Duration.ofSeconds(10), Duration.ofMinutes(1));
        f.reject(f.submit(S1));
        f.tick(5 * SECOND);
        f.reject(f.submit(S1));
        f.tick(5 * SECOND + 1);
        f.reject(f.submit(S1)); // 10 s + 1 ns after the first
        assertThat(f.state(S1)).isEqualTo(TradingState.ACTIVE);
        f.tick(1);
        f.reject(f.submit(S1)); // the last three within 5 s + 2 ns
        assertThat(f.state(S1)).isEqualTo(TradingState.HALTED);
    }
}
