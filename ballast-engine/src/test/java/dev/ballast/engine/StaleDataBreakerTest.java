package dev.ballast.engine;

import dev.ballast.model.RiskReason;
import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.risk.BreakerLimits;
import dev.ballast.engine.risk.RiskConfig;
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
import dev.ballast.model.event.OrderDenied;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The stale-data circuit breaker: no new orders on a symbol whose market data stopped. */
class StaleDataBreakerTest {
    private static final Symbol LIVE = Symbol.of("LIVE");
    private static final Symbol DEAD = Symbol.of("DEAD");
    private static final long HOUR = Duration.ofHours(1).toNanos();

    @Test
    void deniesOrdersOnASymbolWhoseDataIsOlderThanTheLimitAndAllowsFreshOnes() {
        // LIVE has a bar every hour; DEAD only at 00:00. At 02:00 (on LIVE's bar) the strategy orders both:
        // DEAD's data is 2 h old, the limit 90 min -> denied; LIVE's is fresh -> approved.
        List<Bar> bars = List.of(
                EngineFixtures.bar(DEAD, 0, "50", "50", "50", "50", 1000),
                EngineFixtures.bar(LIVE, 0, "10", "10", "10", "10", 1000),
                shift(EngineFixtures.bar(LIVE, 0, "10", "10", "10", "10", 1000), HOUR),
                shift(EngineFixtures.bar(LIVE, 0, "10", "10", "10", "10", 1000), 2 * HOUR));
        ScriptedStrategy strategy = new ScriptedStrategy((ctx, i) -> {
            if (i == 3) {
                ctx.submit(OrderRequest.market(DEAD, OrderSide.BUY, Quantity.ofUnits(1)));
                ctx.submit(OrderRequest.market(LIVE, OrderSide.BUY, Quantity.ofUnits(1)));
            }
        });
        RiskConfig risk = new RiskConfig(RiskLimits.defaults(), Map.of(),
                new BreakerLimits(Duration.ofMinutes(90), null, null, null), ZoneOffset.UTC);
        List<Instrument> instruments = EngineFixtures.equities(LIVE, DEAD);
        SimulatedClock clock = new SimulatedClock(Long.MIN_VALUE);
        PaperBroker broker = new PaperBroker(clock, instruments.stream().collect(Collectors.toMap(Instrument::symbol, Function.identity())),
                EngineFixtures.frictionless());
        TradingEngine engine = new TradingEngine(new EngineSettings(RunMode.BACKTEST, Money.ofUnits(100_000), instruments, risk,
                IsolationPolicy.defaults()), clock, broker,
                List.of(new StrategySpec(StrategyId.of("s"), strategy, List.of(LIVE, DEAD))), m -> {
                    throw new AssertionError(m);
                });
        EngineFixtures.checkBooksAfterEveryEvent(engine);
        List<OrderDenied> denials = new ArrayList<>();
        engine.subscribe(event -> {
            if (event instanceof OrderDenied denied) denials.add(denied);
        });

        EngineFixtures.runBacktest(engine, bars);

        assertThat(denials).hasSize(1);
        assertThat(denials.getFirst().order().symbol()).isEqualTo(DEAD);
        assertThat(denials.getFirst().reasonCode()).isEqualTo(RiskReason.STALE_MARKET_DATA);
        assertThat(denials.getFirst().detail()).contains("DEAD", "7200000 ms", "5400000 ms");
        assertThat(engine.orders().orders()).filteredOn(o -> o.symbol().equals(LIVE)).hasSize(1);
    }

    private static Bar shift(Bar bar, long nanos) {
        return new Bar(bar.symbol(), bar.timestamp() + nanos, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }
}
