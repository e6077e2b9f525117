package dev.ballast.engine;

import java.util.ArrayList;
import dev.ballast.engine.monitor.OrderExecution;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.Fill;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ballast.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A whole backtest through every component, with trades and P&L worked out by hand. */
class EndToEndBacktestTest {
    private static final Symbol XYZ = Symbol.of("XYZ");

    /*
     * Bars (day, open, high, low, close):
     *   d0 100 101  99 100       script: buy 100 at market
     *   d1 101 103 100 102       buy fills at d1 open 101 + 10 bps = 101.101, rounded up to the tick: 101.11
     *   d2 103 104 101 101       script: sell 100 at market
     *   d3 100 102  99 101.50    sell fills at d3 open 100 - 10 bps = 99.90; script: sell 50 limit 101.50 (goes short)
     *   d4 102 102 100 100       the limit fills at the open, 102.00, which is better than 101.50
     * Commission: 0.01 a share, at least 1.00 a fill: 1.00 on each of the three fills.
     *
     * Realized on the round trip: (99.90 - 101.11) x 100 = -121.00
     * Cash: 100000 - 10111 - 1 + 9990 - 1 + 5100 - 1 = 104976.00
     * Short 50 at 102, marked at 100: unrealized +100.00, market value -5000.00
     * Equity: 104976 - 5000 = 99976.00 = 100000 - 121 - 3 + 100
     */
    @Test
    void tradesAndProfitAndLossMatchTheHandWorkedFigures() {
        List<Bar> bars = List.of(
                bar(XYZ, 0, "100", "101", "99", "100", 10_000),
                bar(XYZ, 1, "101", "103", "100", "102", 10_000),
                bar(XYZ, 2, "103", "104", "101", "101", 10_000),
                bar(XYZ, 3, "100", "102", "99", "101.50", 10_000),
                bar(XYZ, 4, "102", "102", "100", "100", 10_000));
        ScriptedStrategy strategy = new ScriptedStrategy((ctx, i) -> {
            switch (i) {
                case 0 -> ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)));
                case 2 -> ctx.submit(OrderRequest.market(XYZ, OrderSide.SELL, Quantity.ofUnits(100)));
                case 3 -> ctx.submit(OrderRequest.limit(XYZ, OrderSide.SELL, Quantity.ofUnits(50), Price.of("101.50")));
                default -> { }
            }
        });
        StrategyId id = StrategyId.of("hand");
        TradingEngine engine = EngineFixtures.backtest(Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                EngineFixtures.tenBpsAndACentAShare(), RiskLimits.defaults(), IsolationPolicy.defaults(),
                List.of(new StrategySpec(id, strategy, List.of(XYZ))));

        RunResult result = EngineFixtures.runBacktest(engine, bars);

        assertThat(strategy.fills).extracting(Fill::price)
                .containsExactly(Price.of("101.11"), Price.of("99.90"), Price.of("102.00"));
        assertThat(strategy.fills).extracting(Fill::commission).containsOnly(Money.of("1.00"));
        assertThat(result.cash()).isEqualTo(Money.of("104976.00"));
        assertThat(result.realizedPnl()).isEqualTo(Money.of("-121.00"));
        assertThat(result.unrealizedPnl()).isEqualTo(Money.of("100.00"));
        assertThat(result.fees()).isEqualTo(Money.of("3.00"));
        assertThat(result.finalEquity()).isEqualTo(Money.of("99976.00"));
        assertThat(result.ordersByStatus()).containsEntry(OrderStatus.FILLED, 3L).hasSize(1);
        assertThat(result.ledgerBalanced()).isTrue();

        Position position = engine.portfolio().position(id, XYZ);
        assertThat(position.quantity()).isEqualTo(Quantity.ofUnits(-50));
        assertThat(position.averageCost()).isEqualTo(Price.of("102"));
        assertThat(position.realizedPnl()).isEqualTo(Money.of("-121.00"));
    }

    @Test
    void executionMonitorMeasuresSlippageAgainstTheArrivalPrice() {
        List<Bar> bars = List.of(
                bar(XYZ, 0, "100", "101", "99", "100", 10_000),
                bar(XYZ, 1, "101", "103", "100", "102", 10_000));
        ScriptedStrategy strategy = new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)));
        });
        TradingEngine engine = EngineFixtures.backtest(Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                EngineFixtures.tenBpsAndACentAShare(), RiskLimits.defaults(), IsolationPolicy.defaults(),
                List.of(new StrategySpec(StrategyId.of("s"), strategy, List.of(XYZ))));

        EngineFixtures.runBacktest(engine, bars);

        OrderExecution execution = engine.monitor().executions().getFirst();
        // Arrival: the close the strategy saw, 100. Filled at 101.11: (101.11 - 100) / 100 = 111 bps worse.
        assertThat(execution.arrivalPrice()).isEqualTo(Price.of("100"));
        assertThat(execution.averageFillPrice()).isEqualTo(Price.of("101.11"));
        assertThat(execution.slippageBps()).isCloseTo(111.0, within(1e-9));
        // Submitted at d0, accepted at d0 (no latency), filled at d1.
        assertThat(execution.timeToAcknowledge()).isZero();
        assertThat(execution.timeToFill()).isEqualTo(EngineFixtures.day(1) - EngineFixtures.day(0));
        assertThat(engine.monitor().equityCurve().size()).isEqualTo(2);
    }

    @Test
    void strategySeesItsFillBeforeTheBarItFilledOn() {
        List<Bar> bars = List.of(
                bar(XYZ, 0, "100", "101", "99", "100", 10_000),
                bar(XYZ, 1, "101", "103", "100", "102", 10_000));
        List<String> seen = new ArrayList<>();
        ScriptedStrategy strategy = new ScriptedStrategy((ctx, i) -> {
            seen.add("bar " + i + " position " + ctx.position(XYZ).quantity());
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(10)));
        });
        TradingEngine engine = EngineFixtures.backtest(Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                EngineFixtures.frictionless(), RiskLimits.defaults(), IsolationPolicy.defaults(),
                List.of(new StrategySpec(StrategyId.of("s"), strategy, List.of(XYZ))));

        EngineFixtures.runBacktest(engine, bars);

        assertThat(seen).containsExactly("bar 0 position 0", "bar 1 position 10");
        assertThat(strategy.stopped).isTrue();
    }
}
