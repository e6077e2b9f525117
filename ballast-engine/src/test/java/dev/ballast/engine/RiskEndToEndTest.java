package dev.ballast.engine;

import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.model.FixedPoint;
import org.assertj.core.groups.Tuple;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.risk.BreakerLimits;
import dev.ballast.engine.risk.LossLimits;
import dev.ballast.engine.risk.PerformanceLimits;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskConfig;
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
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FlattenPositions;
import dev.ballast.model.event.HaltTrading;
import dev.ballast.model.event.OrderApproved;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.ResumeTrading;
import dev.ballast.model.event.TradingStateChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static dev.ballast.engine.EngineFixtures.bar;
import static dev.ballast.engine.EngineFixtures.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trading states, loss limits, operator commands and the strategy circuit breaker through whole
 * backtests with the real engine (paper broker: market orders fill at the next bar's open).
 */
class RiskEndToEndTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S = StrategyId.of("s");
    private static final StrategyId LOSER = StrategyId.of("loser");
    private static final StrategyId STEADY = StrategyId.of("steady");
    private static final long HOUR = 3_600_000_000_000L;

    /** Records every engine event. */
    private static final class Recorder {
        final List<EngineEvent> events = new ArrayList<>();

        List<OrderDenied> denials(StrategyId strategy) {
            return events.stream().filter(e -> e instanceof OrderDenied d && d.order().strategyId().equals(strategy))
                    .map(e -> (OrderDenied) e).toList();
        }

        List<OrderApproved> approvals(StrategyId strategy) {
            return events.stream().filter(e -> e instanceof OrderApproved a && a.order().strategyId().equals(strategy))
                    .map(e -> (OrderApproved) e).toList();
        }

        List<TradingStateChanged> changes() {
            return events.stream().filter(e -> e instanceof TradingStateChanged).map(e -> (TradingStateChanged) e).toList();
        }
    }

    private static Bar at(long time, String open, String close) {
        Price o = Price.of(open);
        Price c = Price.of(close);
        Price high = o.compareTo(c) >= 0 ? o : c;
        Price low = o.compareTo(c) <= 0 ? o : c;
        return new Bar(XYZ, time, o, high, low, c, Quantity.ofUnits(100_000));
    }

    private static Bar flat(int day, String price) {
        return bar(XYZ, day, price, price, price, price, 100_000);
    }

    private static RiskConfig lossConfig(LossLimits loss) {
        return new RiskConfig(RiskLimits.defaults().withLoss(loss), Map.of(), BreakerLimits.NONE, ZoneOffset.UTC);
    }

    private static TradingEngine engine(RiskConfig risk, boolean frictionless, Recorder recorder, StrategySpec... specs) {
        TradingEngine engine = EngineFixtures.backtest(Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                frictionless ? EngineFixtures.frictionless() : EngineFixtures.tenBpsAndACentAShare(), risk,
                IsolationPolicy.defaults(), List.of(specs));
        engine.subscribe(recorder.events::add);
        return engine;
    }

    private static StrategySpec spec(StrategyId id, BiConsumer<StrategyContext, Integer> script) {
        return new StrategySpec(id, new ScriptedStrategy(script), List.of(XYZ));
    }

    private static long position(TradingEngine engine, StrategyId id) {
        return engine.portfolio().position(id, XYZ).quantity().raw() / FixedPoint.SCALE;
    }

    // ------------------------------------------------------------------ daily loss limit

    /*
     * Day 0 (bar at midnight): buy 100 at market; a resting buy limit at 50 (never fills).
     * Day 1 01:00: the buy fills at the open, 100. Start-of-day equity (the close of day 0): 100000.
     * Day 1 02:00: close 90: equity 100000 - 100 x 10 = 99000, a loss of exactly 1000.00.
     * Day 1 03:00: the strategy tries to buy again.
     * Day 2 01:00: a new day; the strategy tries to buy again.
     */
    private static List<Bar> dailyLossBars() {
        return List.of(
                at(day(0), "100", "100"),
                at(day(1) + HOUR, "100", "100"),
                at(day(1) + 2 * HOUR, "100", "90"),
                at(day(1) + 3 * HOUR, "90", "90"),
                at(day(2) + HOUR, "90", "90"));
    }

    private static StrategySpec dailyLossStrategy(List<ClientOrderId> resting) {
        return spec(S, (ctx, i) -> {
            switch (i) {
                case 0 -> {
                    ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)));
                    resting.add(ctx.submit(OrderRequest.limit(XYZ, OrderSide.BUY, Quantity.ofUnits(10), Price.of("50"))));
                }
                case 3, 4 -> ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)));
                default -> { }
            }
        });
    }

    @Test
    void dailyLossOfExactlyTheLimitHaltsCancelsAndDeniesNewOrders() {
        Recorder recorder = new Recorder();
        List<ClientOrderId> resting = new ArrayList<>();
        TradingEngine engine = engine(lossConfig(new LossLimits(Money.of("1000"), null, false, false, null, null)), true,
                recorder, dailyLossStrategy(resting));

        EngineFixtures.runBacktest(engine, dailyLossBars());

        assertThat(recorder.changes()).hasSize(1);
        TradingStateChanged halt = recorder.changes().getFirst();
        assertThat(halt.isAccount()).isTrue();
        assertThat(halt.to()).isEqualTo(TradingState.HALTED);
        assertThat(halt.reasonCode()).isEqualTo(TradingStateReason.DAILY_LOSS_LIMIT);
        assertThat(halt.timestamp()).isEqualTo(day(1) + 2 * HOUR);
        assertThat(halt.detail()).contains("99000.00", "1000.00 below the start-of-day 100000.00");
        assertThat(engine.orders().order(resting.getFirst()).status()).isEqualTo(OrderStatus.CANCELED);
        // No flatten configured: the position stays; both later orders (same day and next day) are denied.
        assertThat(position(engine, S)).isEqualTo(100);
        assertThat(recorder.denials(S)).extracting(OrderDenied::reasonCode).containsExactly(RiskReason.TRADING_HALTED, RiskReason.TRADING_HALTED);
        assertThat(engine.risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void dailyLossJustUnderTheLimitStaysActive() {
        Recorder recorder = new Recorder();
        List<ClientOrderId> resting = new ArrayList<>();
        TradingEngine engine = engine(lossConfig(new LossLimits(Money.of("1000.01"), null, true, false, null, null)), true,
                recorder, dailyLossStrategy(resting));

        EngineFixtures.runBacktest(engine, dailyLossBars());

        assertThat(recorder.changes()).isEmpty();
        assertThat(recorder.denials(S)).isEmpty();
        assertThat(engine.orders().order(resting.getFirst()).status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(position(engine, S)).isEqualTo(101); // the order at the last bar has no bar left to fill on
    }

    @Test
    void dailyLossAsAFractionAtTheLimitHalts() {
        Recorder recorder = new Recorder();
        TradingEngine engine = engine(lossConfig(new LossLimits(null, Ratio.of("0.01"), false, false, null, null)), true,
                recorder, dailyLossStrategy(new ArrayList<>()));

        EngineFixtures.runBacktest(engine, dailyLossBars());

        assertThat(recorder.changes()).extracting(TradingStateChanged::reasonCode).containsExactly(TradingStateReason.DAILY_LOSS_LIMIT);
    }

    @Test
    void dailyLossWithFlattenClosesPositionsOnTheNextBarAndResumesTheNextDay() {
        Recorder recorder = new Recorder();
        List<ClientOrderId> resting = new ArrayList<>();
        TradingEngine engine = engine(lossConfig(new LossLimits(Money.of("1000"), null, true, true, null, null)), true,
                recorder, dailyLossStrategy(resting));

        EngineFixtures.runBacktest(engine, dailyLossBars());

        Order flatten = engine.orders().order(ClientOrderId.of("s-flat-1"));
        assertThat(flatten).isNotNull();
        assertThat(flatten.side()).isEqualTo(OrderSide.SELL);
        assertThat(flatten.quantity()).isEqualTo(Quantity.ofUnits(100));
        assertThat(flatten.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(flatten.averageFillPrice()).isEqualTo(Price.of("90")); // the open of day 1 03:00
        assertThat(engine.orders().order(resting.getFirst()).status()).isEqualTo(OrderStatus.CANCELED);
        // The order the same day is denied; the one at the next day's first event passes and fills at the end.
        assertThat(recorder.denials(S)).extracting(OrderDenied::reasonCode).containsExactly(RiskReason.TRADING_HALTED);
        assertThat(recorder.denials(S).getFirst().timestamp()).isEqualTo(day(1) + 3 * HOUR);
        assertThat(recorder.changes()).extracting(TradingStateChanged::reasonCode)
                .containsExactly(TradingStateReason.DAILY_LOSS_LIMIT, TradingStateReason.NEW_TRADING_DAY);
        assertThat(recorder.changes().get(1).timestamp()).isEqualTo(day(2) + HOUR);
        assertThat(recorder.approvals(S)).extracting(a -> a.order().id().value()).contains("s-flat-1");
        assertThat(recorder.approvals(S).getLast().timestamp()).isEqualTo(day(2) + HOUR);
        assertThat(engine.risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.ACTIVE);
    }

    // ------------------------------------------------------------------ drawdown

    /*
     * d0 close 100: buy 500 at market.       d1 open 100: filled; equity 100000, the high-water mark.
     * d2 close 90: equity 50000 + 45000 = 95000: drawdown 5% = the first level: REDUCE_ONLY.
     * d3: the strategy asks to buy 10 (adds: denied REDUCE_ONLY) and sell 100 (reduces: allowed).
     * d4 open 90: the sell fills: cash 59000, 400 held; close 77.50: equity 59000 + 31000 = 90000: 10%: HALTED.
     * d5: the strategy asks to sell 100 more: denied TRADING_HALTED.
     */
    @Test
    void drawdownFirstLevelGoesReduceOnlySecondLevelHalts() {
        Recorder recorder = new Recorder();
        RiskConfig config = lossConfig(new LossLimits(null, null, false, false, Ratio.of("0.05"), Ratio.of("0.10")));
        TradingEngine engine = engine(config, true, recorder, spec(S, (ctx, i) -> {
            switch (i) {
                case 0 -> ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(500)));
                case 3 -> {
                    ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(10)));
                    ctx.submit(OrderRequest.market(XYZ, OrderSide.SELL, Quantity.ofUnits(100)));
                }
                case 5 -> ctx.submit(OrderRequest.market(XYZ, OrderSide.SELL, Quantity.ofUnits(100)));
                default -> { }
            }
        }));

        EngineFixtures.runBacktest(engine, List.of(flat(0, "100"), flat(1, "100"), bar(XYZ, 2, "100", "100", "90", "90", 100_000),
                flat(3, "90"), bar(XYZ, 4, "90", "90", "77.50", "77.50", 100_000), flat(5, "77.50")));

        assertThat(recorder.changes()).extracting(TradingStateChanged::to, TradingStateChanged::reasonCode).containsExactly(
                Tuple.tuple(TradingState.REDUCE_ONLY, TradingStateReason.DRAWDOWN_REDUCE_ONLY),
                Tuple.tuple(TradingState.HALTED, TradingStateReason.DRAWDOWN_HALT));
        assertThat(recorder.changes().get(0).timestamp()).isEqualTo(day(2));
        assertThat(recorder.changes().get(1).timestamp()).isEqualTo(day(4));
        assertThat(recorder.denials(S)).extracting(OrderDenied::reasonCode).containsExactly(RiskReason.REDUCE_ONLY, RiskReason.TRADING_HALTED);
        assertThat(recorder.denials(S).get(0).order().side()).isEqualTo(OrderSide.BUY);
        assertThat(position(engine, S)).isEqualTo(400);
    }

    @Test
    void drawdownJustUnderTheFirstLevelStaysActive() {
        Recorder recorder = new Recorder();
        RiskConfig config = lossConfig(new LossLimits(null, null, false, false, Ratio.of("0.05"), Ratio.of("0.10")));
        TradingEngine engine = engine(config, true, recorder, spec(S, (ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(500)));
            if (i == 3) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(10)));
        }));

        // d2 close 90.01: equity 95005, drawdown 4.995%.
        EngineFixtures.runBacktest(engine, List.of(flat(0, "100"), flat(1, "100"),
                bar(XYZ, 2, "100", "100", "90.01", "90.01", 100_000), flat(3, "90.01"), flat(4, "90.01")));

        assertThat(recorder.changes()).isEmpty();
        assertThat(recorder.denials(S)).isEmpty();
        assertThat(position(engine, S)).isEqualTo(510);
    }

    // ------------------------------------------------------------------ operator commands

    /** Drives the engine bar by bar so commands can come between bars. */
    private static void step(TradingEngine engine, Bar bar) {
        engine.advanceTo(bar.timestamp());
        engine.process(bar);
    }

    @Test
    void operatorHaltCancelsOrdersResumeLetsOrdersThroughFlattenClosesEverything() {
        Recorder recorder = new Recorder();
        List<ClientOrderId> resting = new ArrayList<>();
        TradingEngine engine = engine(RiskConfig.defaults(), true, recorder, spec(S, (ctx, i) -> {
            switch (i) {
                case 0 -> {
                    ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)));
                    resting.add(ctx.submit(OrderRequest.limit(XYZ, OrderSide.BUY, Quantity.ofUnits(10), Price.of("50"))));
                }
                case 2, 3 -> ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(5)));
                default -> { }
            }
        }), spec(STEADY, (ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.SELL, Quantity.ofUnits(20)));
        }));
        engine.start();
        step(engine, flat(0, "100"));
        step(engine, flat(1, "100")); // buy 100 and the short 20 fill
        engine.process(new HaltTrading(null, "ops", "test", day(1)));
        assertThat(engine.orders().order(resting.getFirst()).status()).isIn(OrderStatus.PENDING_CANCEL, OrderStatus.CANCELED);
        step(engine, flat(2, "100")); // buy 5: denied
        assertThat(engine.orders().order(resting.getFirst()).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(recorder.denials(S)).extracting(OrderDenied::reasonCode).containsExactly(RiskReason.TRADING_HALTED);
        engine.process(new ResumeTrading(null, "ops", "test", day(2)));
        step(engine, flat(3, "100")); // buy 5: allowed
        step(engine, flat(4, "100")); // it fills
        assertThat(position(engine, S)).isEqualTo(105);
        engine.process(new FlattenPositions(null, "ops", "test", day(4)));
        step(engine, flat(5, "100")); // the flatten orders fill
        engine.finish();

        assertThat(position(engine, S)).isZero();
        assertThat(position(engine, STEADY)).isZero();
        assertThat(engine.portfolio().openQuantities(null)).isEmpty();
        assertThat(engine.risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
        assertThat(recorder.changes()).extracting(TradingStateChanged::to, TradingStateChanged::reasonCode).containsExactly(
                Tuple.tuple(TradingState.HALTED, TradingStateReason.OPERATOR),
                Tuple.tuple(TradingState.ACTIVE, TradingStateReason.OPERATOR),
                Tuple.tuple(TradingState.HALTED, TradingStateReason.OPERATOR));
    }

    @Test
    void operatorHaltOfOneStrategyLeavesTheOtherTrading() {
        Recorder recorder = new Recorder();
        TradingEngine engine = engine(RiskConfig.defaults(), true, recorder,
                spec(S, (ctx, i) -> ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)))),
                spec(STEADY, (ctx, i) -> ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)))));
        engine.start();
        step(engine, flat(0, "100"));
        engine.process(new HaltTrading(S, "ops", "test", day(0)));
        step(engine, flat(1, "100"));
        step(engine, flat(2, "100"));
        engine.finish();

        assertThat(recorder.denials(S)).hasSize(2).extracting(OrderDenied::reasonCode).containsOnly(RiskReason.TRADING_HALTED);
        assertThat(recorder.denials(STEADY)).isEmpty();
        assertThat(position(engine, STEADY)).isEqualTo(2); // the order at the last bar has no bar left to fill on
    }

    @Test
    void brokerDisconnectHaltsTheAccount() {
        Recorder recorder = new Recorder();
        List<ClientOrderId> resting = new ArrayList<>();
        TradingEngine engine = engine(RiskConfig.defaults(), true, recorder, spec(S, (ctx, i) -> {
            if (i == 0) resting.add(ctx.submit(OrderRequest.limit(XYZ, OrderSide.BUY, Quantity.ofUnits(10), Price.of("50"))));
            if (i == 1) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)));
        }));
        engine.start();
        step(engine, flat(0, "100"));
        engine.process(new BrokerConnectionChanged(false, "socket closed", day(0)));
        step(engine, flat(1, "100"));
        engine.finish();

        assertThat(recorder.changes()).extracting(TradingStateChanged::reasonCode).containsExactly(TradingStateReason.BROKER_DISCONNECTED);
        assertThat(recorder.changes().getFirst().isAccount()).isTrue();
        assertThat(engine.orders().order(resting.getFirst()).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(recorder.denials(S)).extracting(OrderDenied::reasonCode).containsExactly(RiskReason.TRADING_HALTED);
    }

    // ------------------------------------------------------------------ strategy circuit breaker

    /*
     * Bars flat at 100, 10 bps slippage and 1.00 a fill: a round trip of 10 buys at 100.10 and sells at
     * 99.90: realized -2.00, minus the closing commission 1.00: every trade of the loser is -3.00.
     * The loser buys when flat and sells when long; at most 1 loss in a row, cooldown 2 days.
     *   d0 buy, d1 filled + sell, d2 filled (trade 1: -3) + buy, d3 filled + sell,
     *   d4 filled (trade 2: 2 losses in a row: HALTED until d6) + buy denied, d5 buy denied,
     *   d6 the cooldown ends: its buy passes, d7 filled + sell, d8 filled (trade 1 after the reset).
     * The steady strategy buys 1 share a bar and never closes: always ACTIVE, never denied.
     */
    @Test
    void aLosingStrategyIsHaltedForTheCooldownWhileAnotherKeepsTrading() {
        Recorder recorder = new Recorder();
        PerformanceLimits performance = new PerformanceLimits(20, 5, null, null, 1, null, null, null, Duration.ofDays(2));
        RiskConfig config = new RiskConfig(RiskLimits.defaults().withPerformance(performance), Map.of(), BreakerLimits.NONE,
                ZoneOffset.UTC);
        ScriptedStrategy loser = new ScriptedStrategy((ctx, i) -> {
            boolean flatNow = ctx.position(XYZ).quantity().raw() == 0;
            ctx.submit(OrderRequest.market(XYZ, flatNow ? OrderSide.BUY : OrderSide.SELL, Quantity.ofUnits(10)));
        });
        TradingEngine engine = engine(config, false, recorder, new StrategySpec(LOSER, loser, List.of(XYZ)),
                spec(STEADY, (ctx, i) -> ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)))));
        List<Bar> bars = new ArrayList<>();
        for (int d = 0; d <= 8; d++) bars.add(flat(d, "100"));

        EngineFixtures.runBacktest(engine, bars);

        assertThat(loser.fills).extracting(Fill::price).containsExactly(Price.of("100.10"), Price.of("99.90"),
                Price.of("100.10"), Price.of("99.90"), Price.of("100.10"), Price.of("99.90"));
        List<TradingStateChanged> changes = recorder.changes();
        assertThat(changes).extracting(TradingStateChanged::strategyId, TradingStateChanged::reasonCode).containsExactly(
                Tuple.tuple(LOSER, TradingStateReason.PERFORMANCE_BREAKER),
                Tuple.tuple(LOSER, TradingStateReason.COOLDOWN_ENDED));
        assertThat(changes.get(0).timestamp()).isEqualTo(day(4));
        assertThat(changes.get(0).detail()).contains("2 losing trades in a row", "maximum 1");
        assertThat(changes.get(1).timestamp()).isEqualTo(day(6));
        assertThat(recorder.denials(LOSER)).extracting(OrderDenied::reasonCode, OrderDenied::timestamp).containsExactly(
                Tuple.tuple(RiskReason.TRADING_HALTED, day(4)),
                Tuple.tuple(RiskReason.TRADING_HALTED, day(5)));
        assertThat(recorder.denials(STEADY)).isEmpty();
        assertThat(recorder.approvals(STEADY)).hasSize(9);
        assertThat(engine.risk().states().state(RiskScope.of(LOSER))).isEqualTo(TradingState.ACTIVE);
        assertThat(engine.portfolio().strategyPnl(LOSER).realized()).isEqualTo(Money.of("-6.00"));
    }
}
