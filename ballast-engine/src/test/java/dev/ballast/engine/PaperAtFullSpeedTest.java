package dev.ballast.engine;

import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.data.InMemoryMarketDataSource;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.Fill;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paper trading at full speed waits for the strategies: a strategy on its own thread trades on the
 * data it was shown, so the fills are those of the backtest of the same data.
 */
class PaperAtFullSpeedTest {
    private static final Symbol XYZ = Symbol.of("XYZ");

    private static List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        for (int day = 0; day < 300; day++) {
            String open = String.valueOf(100 + (day % 11));
            bars.add(EngineFixtures.bar(XYZ, day, open, open + ".75", String.valueOf(99 + (day % 11)), open + ".25", 1_000_000));
        }
        return bars;
    }

    /** Buys on every 3rd bar and sells on the bar after: a fill lands on the next bar's open each time. */
    private static ScriptedStrategy trader() {
        return new ScriptedStrategy((ctx, i) -> {
            if (i % 3 == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(5)));
            if (i % 3 == 1 && ctx.position(XYZ).quantity().isPositive()) {
                ctx.submit(OrderRequest.market(XYZ, OrderSide.SELL, ctx.position(XYZ).quantity()));
            }
        });
    }

    @Test
    void fillsAtFullSpeedAreThoseOfTheBacktest() {
        ScriptedStrategy backtested = trader();
        TradingEngine backtest = EngineFixtures.backtest(Money.ofUnits(1_000_000), EngineFixtures.equities(XYZ),
                EngineFixtures.tenBpsAndACentAShare(), RiskLimits.defaults(), IsolationPolicy.defaults(),
                List.of(new StrategySpec(StrategyId.of("s"), backtested, List.of(XYZ))));
        EngineFixtures.runBacktest(backtest, bars());

        ScriptedStrategy papered = trader();
        List<Instrument> instruments = EngineFixtures.equities(XYZ);
        ReplayClock clock = new ReplayClock(0);
        PaperBroker broker = new PaperBroker(clock, Map.of(XYZ, instruments.getFirst()), EngineFixtures.tenBpsAndACentAShare());
        EngineSettings settings = new EngineSettings(RunMode.PAPER, Money.ofUnits(1_000_000), instruments,
                RiskLimits.defaults(), IsolationPolicy.defaults());
        try (TradingEngine paper = new TradingEngine(settings, clock, broker,
                List.of(new StrategySpec(StrategyId.of("s"), papered, List.of(XYZ))), m -> {
                    throw new AssertionError(m);
                })) {
            RealtimeRunner.run(paper, InMemoryMarketDataSource.of(bars()), 0, ProgressListener.NONE);
        }

        assertThat(backtested.fills).hasSizeGreaterThan(150);
        assertThat(describe(papered.fills)).isEqualTo(describe(backtested.fills));
    }

    private static List<String> describe(List<Fill> fills) {
        return fills.stream().map(f -> f.orderId() + " " + f.side() + " " + f.quantity() + " @ " + f.price() + " t" + f.timestamp()).toList();
    }
}
