package dev.ballast.engine.strategy.lang;

import dev.ballast.engine.BacktestRunner;
import dev.ballast.engine.EngineSettings;
import dev.ballast.engine.ProgressListener;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.broker.paper.PaperBrokerSettings;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.data.InMemoryMarketDataSource;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.engine.strategy.lang.StrategyDocument.Conditions;
import dev.ballast.engine.strategy.lang.StrategyDocument.ExitRules;
import dev.ballast.engine.strategy.lang.StrategyDocument.Sizing;
import dev.ballast.model.BracketRole;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.RunMode;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.FillBooked;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.ballast.engine.strategy.lang.Ast.bin;
import static dev.ballast.engine.strategy.lang.Ast.lb;
import static dev.ballast.engine.strategy.lang.Ast.ser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long-only strategy-language document with a stop (stop-loss, trailing or both) and a take-profit, over random bars (wide ranges that
 * often reach both exits at once) and random venue settings, through the whole engine and the paper venue: its
 * position is never short, and no exit fill ever enlarges or flips it (issue #12).
 */
class BracketExitProperties {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId ID = StrategyId.of("doc");
    private static final long DAY = 86_400_000_000_000L;

    @Property(tries = 80)
    void aLongOnlyBracketStrategyIsNeverShortAndItsExitsOnlyReduce(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 150) int stopLossTenths,
            @ForAll @IntRange(min = 1, max = 150) int takeProfitTenths,
            @ForAll @IntRange(min = 0, max = 3) int latencyMillis,
            @ForAll @IntRange(min = 5, max = 10_000) int volumeShareBps,
            @ForAll @IntRange(min = 10, max = 80) int barCount,
            @ForAll @IntRange(min = 0, max = 2) int exitKind) {
        TradingEngine engine = engine(exits(exitKind, stopLossTenths, takeProfitTenths),
                PaperBrokerSettings.defaults().withLatency(Duration.ofMillis(latencyMillis)).withMaxVolumeShare(volumeShareBps / 10_000.0));
        List<String> violations = new ArrayList<>();
        long[] position = {0};
        engine.subscribe(event -> {
            if (!(event instanceof FillBooked booked) || !booked.strategyId().equals(ID)) return;
            long before = position[0];
            long signed = booked.fill().side() == OrderSide.BUY ? booked.fill().quantity().raw() : -booked.fill().quantity().raw();
            position[0] += signed;
            Order order = engine.orders().order(booked.fill().orderId());
            if (position[0] < 0) violations.add("short " + Quantity.ofRaw(position[0]) + " after " + booked.fill());
            if (order != null && (order.bracketRole() == BracketRole.TAKE_PROFIT || order.bracketRole() == BracketRole.STOP_LOSS)
                    && (Math.abs(position[0]) >= Math.abs(before) || Long.signum(position[0]) * Long.signum(before) < 0)) {
                violations.add("exit " + order.id() + " took " + Quantity.ofRaw(before) + " to " + Quantity.ofRaw(position[0]));
            }
        });

        BacktestRunner.run(engine, InMemoryMarketDataSource.of(bars(seed, barCount)), ProgressListener.NONE);

        assertThat(violations).isEmpty();
        assertThat(engine.portfolio().position(ID, XYZ).quantity().raw()).isGreaterThanOrEqualTo(0);
    }

    /**
     * A stop and a take-profit, as a document can give them: a stop-loss, a trailing stop (which the strategy moves up
     * bar by bar), or both; each with a take-profit, so two exits are working at once.
     */
    private static ExitRules exits(int kind, int stopTenths, int takeProfitTenths) {
        BigDecimal stop = BigDecimal.valueOf(stopTenths, 1);
        BigDecimal takeProfit = BigDecimal.valueOf(takeProfitTenths, 1);
        return switch (kind) {
            case 0 -> new ExitRules(stop, takeProfit, null);
            case 1 -> new ExitRules(null, takeProfit, stop);
            default -> new ExitRules(stop, takeProfit, stop.add(BigDecimal.ONE));
        };
    }

    /** Long when the close rose; no exit rule, so only the protective exits close the position. */
    private static TradingEngine engine(ExitRules exits, PaperBrokerSettings venue) {
        StrategyDocument doc = new StrategyDocument(1, "doc", null, List.of("XYZ"), "1d", Map.of(),
                new Conditions("close > close[1]", null), new Conditions(null, null),
                new Sizing("fixed", new BigDecimal("10"), null, null, null, null), exits, null);
        DocumentStrategy strategy = CompiledDocument.compile(doc, Map.of(
                "close > close[1]", bin(">", ser("close"), lb(ser("close"), 1)))).newStrategy();
        List<Instrument> instruments = List.of(Instrument.equity(XYZ, "USD"));
        SimulatedClock clock = new SimulatedClock(Long.MIN_VALUE);
        PaperBroker broker = new PaperBroker(clock, Map.of(XYZ, instruments.getFirst()), venue);
        EngineSettings settings = new EngineSettings(RunMode.BACKTEST, Money.ofUnits(10_000_000), instruments,
                RiskLimits.defaults(), IsolationPolicy.defaults());
        return new TradingEngine(settings, clock, broker, List.of(new StrategySpec(ID, strategy, List.of(XYZ))), message -> {
            throw new AssertionError(message);
        });
    }

    /** A random walk around 100 whose bars often span several percent: both exits in one bar's range. */
    private static List<Bar> bars(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Bar> bars = new ArrayList<>(count);
        long close = 10_000;
        for (int i = 0; i < count; i++) {
            long open = close;
            close = Math.max(1_000, open + random.nextLong(-600, 601));
            long high = Math.max(open, close) + random.nextLong(0, 1_500);
            long low = Math.max(100, Math.min(open, close) - random.nextLong(0, 1_500));
            bars.add(new Bar(XYZ, (i + 1) * DAY, cents(open), cents(high), cents(low), cents(close),
                    Quantity.ofUnits(random.nextLong(1_000, 100_000))));
        }
        return bars;
    }

    private static Price cents(long cents) {
        return Price.of(BigDecimal.valueOf(cents, 2).setScale(2, RoundingMode.UNNECESSARY).toPlainString());
    }
}
