package dev.ballast.engine;

import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.CallbackTimeSummary;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.engine.strategy.StrategyState;
import dev.ballast.engine.portfolio.StrategyPnl;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.StrategyQuarantined;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strategy isolation in a backtest: beside a normal strategy, one that throws and one that floods orders are
 * quarantined, their open orders canceled, and the normal strategy's orders and P&L are exactly those of a run
 * without them. Time measured on the machine quarantines nobody in a backtest: a slow strategy trades the same
 * under any budget and load, and one that hangs past the hard limit ends the run, naming itself.
 */
class StrategyIsolationTest {
    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final StrategyId NORMAL = StrategyId.of("normal");

    /** Alternates in and out of AAA every other bar: plenty of orders and fills to compare. */
    private static ScriptedStrategy normal() {
        return new ScriptedStrategy((ctx, i) -> {
            if (i % 4 == 0) ctx.submit(OrderRequest.market(AAA, OrderSide.BUY, Quantity.ofUnits(10)));
            if (i % 4 == 2) ctx.submit(OrderRequest.market(AAA, OrderSide.SELL, Quantity.ofUnits(10)));
        });
    }

    /** Rests a far-away limit order on bar 0, then misbehaves on bar {@code badBar}. */
    private static ScriptedStrategy misbehaving(int badBar, Runnable misbehaviour, Symbol symbol) {
        return new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.limit(symbol, OrderSide.BUY, Quantity.ofUnits(1), Price.of("1.00")));
            if (i == badBar) misbehaviour.run();
        });
    }

    private static List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        for (int day = 0; day < 40; day++) {
            String base = String.valueOf(100 + (day % 7));
            bars.add(EngineFixtures.bar(AAA, day, base, base + ".50", String.valueOf(99 + (day % 7)), base + ".25", 100_000));
            bars.add(EngineFixtures.bar(BBB, day, "50", "51", "49", "50.50", 100_000));
        }
        return bars;
    }

    private static TradingEngine engine(List<StrategySpec> strategies) {
        return engine(strategies, new IsolationPolicy(Duration.ofMillis(50), 20, 1_000, 1_024));
    }

    private static TradingEngine engine(List<StrategySpec> strategies, IsolationPolicy isolation) {
        return EngineFixtures.backtest(Money.ofUnits(10_000_000), EngineFixtures.equities(AAA, BBB),
                EngineFixtures.tenBpsAndACentAShare(), RiskLimits.defaults(), isolation, strategies);
    }

    @Test
    void misbehavingStrategiesAreQuarantinedAndTheNormalOneRunsExactlyAsAlone() {
        TradingEngine alone = engine(List.of(new StrategySpec(NORMAL, normal(), List.of(AAA))));
        EngineFixtures.runBacktest(alone, bars());

        List<StrategySpec> crowd = List.of(
                new StrategySpec(StrategyId.of("thrower"), misbehaving(5, () -> {
                    throw new IllegalStateException("bug in strategy");
                }, AAA), List.of(AAA, BBB)),
                new StrategySpec(NORMAL, normal(), List.of(AAA)),
                new StrategySpec(StrategyId.of("flooder"), floodingStrategy(), List.of(BBB)));
        TradingEngine together = engine(crowd);
        RunResult result = EngineFixtures.runBacktest(together, bars());

        Map<StrategyId, StrategyQuarantined> quarantines = result.quarantines().stream()
                .collect(Collectors.toMap(StrategyQuarantined::strategyId, Function.identity()));
        assertThat(quarantines).containsOnlyKeys(StrategyId.of("thrower"), StrategyId.of("flooder"));
        assertThat(quarantines.get(StrategyId.of("thrower")).reason()).isEqualTo(QuarantineReason.THREW);
        assertThat(quarantines.get(StrategyId.of("thrower")).detail()).contains("bug in strategy");
        assertThat(quarantines.get(StrategyId.of("flooder")).reason()).isEqualTo(QuarantineReason.FLOODED_ORDERS);
        for (StrategyQuarantined quarantined : quarantines.values()) {
            assertThat(quarantined.ordersCanceled()).as(quarantined.strategyId() + " had one resting order").isEqualTo(1);
            assertThat(together.orders().openOrders(quarantined.strategyId())).isEmpty();
            assertThat(together.strategies().state(quarantined.strategyId())).isEqualTo(StrategyState.QUARANTINED);
        }

        assertThat(ordersOf(together, NORMAL)).isEqualTo(ordersOf(alone, NORMAL));
        StrategyPnl normalTogether = together.portfolio().strategyPnl(NORMAL);
        StrategyPnl normalAlone = alone.portfolio().strategyPnl(NORMAL);
        assertThat(normalTogether).isEqualTo(normalAlone);
        assertThat(normalAlone.fees().isPositive()).isTrue();
        assertThat(together.strategies().state(NORMAL)).isEqualTo(StrategyState.STOPPED);
        assertThat(result.ledgerBalanced()).isTrue();
    }

    @Test
    void backtestOrdersDoNotDependOnTheCallbackBudgetOrTheMachinesLoad() throws Exception {
        // Every fourth bar the strategy spins 3 ms on the CPU before trading: past a 1 ms budget on any machine.
        IsolationPolicy roomy = new IsolationPolicy(Duration.ofSeconds(10), 20, 1_000, 1_024);
        TradingEngine unhurried = engine(List.of(new StrategySpec(NORMAL, slowEveryFourthBar(), List.of(AAA))), roomy);
        EngineFixtures.runBacktest(unhurried, bars());

        IsolationPolicy tight = new IsolationPolicy(Duration.ofMillis(1), 20, 1_000, 1_024);
        TradingEngine squeezed = engine(List.of(new StrategySpec(NORMAL, slowEveryFourthBar(), List.of(AAA))), tight);
        RunResult result;
        Thread hog = Thread.ofPlatform().daemon().start(CpuHog::spin);
        try {
            result = EngineFixtures.runBacktest(squeezed, bars());
        } finally {
            CpuHog.stop(hog);
        }

        assertThat(result.quarantines()).as("no quarantine on time measured on the machine").isEmpty();
        assertThat(ordersOf(squeezed, NORMAL)).isEqualTo(ordersOf(unhurried, NORMAL));
        assertThat(squeezed.portfolio().strategyPnl(NORMAL)).isEqualTo(unhurried.portfolio().strategyPnl(NORMAL));
        assertThat(result.callbackTimes().get(NORMAL).callbacks()).as("40 bars, start, stop, orders and fills")
                .isGreaterThan(42);
        CallbackTimeSummary times = result.callbackTimes().get(NORMAL);
        assertThat(times.timed()).as("a backtest times one callback in %d", CallbackTimeSummary.BACKTEST_SAMPLE)
                .isEqualTo(times.callbacks() / CallbackTimeSummary.BACKTEST_SAMPLE);
    }

    @Test
    void aBacktestTimesASampleOfTheCallbacksInWhichSlowOnesShow() throws Exception {
        // 48 bars, each spinning 2 ms: with onStart and onStop 50 callbacks, of which the 16th, 32nd and 48th are timed.
        ScriptedStrategy slow = new ScriptedStrategy((ctx, i) -> {
            long until = System.nanoTime() + Duration.ofMillis(2).toNanos();
            while (System.nanoTime() < until) Thread.onSpinWait();
        });
        TradingEngine engine = engine(List.of(new StrategySpec(NORMAL, slow, List.of(AAA))), IsolationPolicy.defaults());
        List<Bar> bars = new ArrayList<>();
        for (int day = 0; day < 48; day++) bars.add(EngineFixtures.bar(AAA, day, "100", "101", "99", "100", 100_000));

        CallbackTimeSummary times = EngineFixtures.runBacktest(engine, bars).callbackTimes().get(NORMAL);

        assertThat(times.callbacks()).isEqualTo(50);
        assertThat(times.timed()).isEqualTo(3);
        assertThat(times.sampled()).isTrue();
        assertThat(times.p50Nanos()).as("the sampled callbacks are bars, each of 2 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(2).toNanos());
    }

    /** The normal strategy's trades, after spinning 3 ms of wall time on every fourth bar. */
    private static ScriptedStrategy slowEveryFourthBar() {
        return new ScriptedStrategy((ctx, i) -> {
            if (i % 4 == 1) {
                long until = System.nanoTime() + Duration.ofMillis(3).toNanos();
                while (System.nanoTime() < until) Thread.onSpinWait();
            }
            if (i % 4 == 0) ctx.submit(OrderRequest.market(AAA, OrderSide.BUY, Quantity.ofUnits(10)));
            if (i % 4 == 2) ctx.submit(OrderRequest.market(AAA, OrderSide.SELL, Quantity.ofUnits(10)));
        });
    }

    /** A thread that keeps a CPU busy beside the run, as another job on a loaded machine would. */
    private static final class CpuHog {
        private static volatile boolean running;

        static void spin() {
            running = true;
            long sink = 0;
            while (running) sink += System.nanoTime() & 1;
            if (sink == 42) System.out.print(""); // keeps the loop from being optimized away
        }

        static void stop(Thread hog) throws InterruptedException {
            running = false;
            hog.join();
        }
    }

    @Test
    void backtestStrategyThatHangsPastTheHardLimitEndsTheRunNamingItself() {
        IsolationPolicy isolation = new IsolationPolicy(Duration.ofMillis(50), 20, 1_000, 1_024, Duration.ofMillis(200));
        List<String> fatal = new CopyOnWriteArrayList<>();
        TradingEngine engine = EngineFixtures.backtest(Money.ofUnits(10_000_000), EngineFixtures.equities(AAA, BBB),
                EngineFixtures.tenBpsAndACentAShare(), RiskConfig.of(RiskLimits.defaults()), isolation,
                List.of(new StrategySpec(StrategyId.of("hanger"), misbehaving(7, () -> {
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("interrupted", e);
                    }
                }, BBB), List.of(AAA, BBB))), fatal::add);

        RunResult result = EngineFixtures.runBacktest(engine, bars());

        assertThat(fatal).singleElement().asString().startsWith("strategy hanger: onBar has not returned after")
                .contains("past the hard limit of 200 ms");
        // An in-process caller that goes on (the CLI exits with code 3 instead) is not held by the sleeping strategy.
        assertThat(result.quarantines()).singleElement().satisfies(q -> {
            assertThat(q.reason()).isEqualTo(QuarantineReason.OVERRAN_TIME_BUDGET);
            assertThat(q.detail()).isEqualTo("onBar ran past the hard limit of 200 ms");
        });
    }

    /** Rests one order, then on bar 9 asks for 500 orders in one callback (the limit is 20). */
    private static ScriptedStrategy floodingStrategy() {
        return new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.limit(BBB, OrderSide.BUY, Quantity.ofUnits(1), Price.of("1.00")));
            if (i == 9) {
                for (int n = 0; n < 500; n++) ctx.submit(OrderRequest.market(BBB, OrderSide.BUY, Quantity.ofUnits(1)));
            }
        });
    }

    @Test
    void quarantinedStrategyReceivesNoMoreEvents() {
        ScriptedStrategy thrower = misbehaving(3, () -> {
            throw new ArithmeticException("boom");
        }, AAA);
        TradingEngine engine = engine(List.of(new StrategySpec(StrategyId.of("thrower"), thrower, List.of(AAA))));

        EngineFixtures.runBacktest(engine, bars());

        assertThat(thrower.bars).hasSize(4);
        assertThat(thrower.stopped).isFalse();
    }

    private static List<String> ordersOf(TradingEngine engine, StrategyId strategy) {
        List<String> orders = new ArrayList<>();
        for (Order order : engine.orders().orders()) {
            if (!order.strategyId().equals(strategy)) continue;
            orders.add(order.id() + " " + order.side() + " " + order.quantity() + " " + order.status() + " filled "
                    + order.filledQuantity() + " @ " + order.averageFillPrice());
        }
        assertThat(orders).isNotEmpty();
        assertThat(orders).allMatch(o -> o.contains(OrderStatus.FILLED.name()));
        return orders;
    }
}
