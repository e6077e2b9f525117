package dev.ballast.engine.monitor.analytics;

import dev.ballast.engine.monitor.OrderExecution;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Execution-quality aggregates and percentiles against hand-worked figures. */
class ExecutionQualityTest {
    private static final Symbol A = Symbol.of("A");
    private static final Symbol B = Symbol.of("B");
    private static final long MS = 1_000_000L;

    private static OrderExecution exec(String id, String strategy, Symbol symbol, OrderSide side, String qty, OrderStatus status,
                                       String arrival, String filled, String avg, double slippage, String fee, long ack,
                                       long completed) {
        return new OrderExecution(ClientOrderId.of(id), StrategyId.of(strategy), symbol, side, Quantity.of(qty), status,
                arrival == null ? null : Price.of(arrival), Quantity.of(filled), avg == null ? null : Price.of(avg), slippage,
                Money.of(fee), 0, ack, -1, completed);
    }

    /*
     * a: BUY 100 A, arrival 50.00, filled 100 @ 50.05, FILLED, fee 1; ack 2 ms, filled 5 ms
     *    slippage (50.05 - 50) / 50 = +10 bps; execution cost 100 x 0.05 = 5.00; IS 5.00 on 5000 = 10 bps
     * b: SELL 200 A, arrival 20.00, filled 100 @ 19.97, CANCELED, fee 0.5; ack 4 ms; last price of A 19.90
     *    slippage -(19.97 - 20) / 20 = +15 bps; execution -1 x (1997 - 2000) = 3.00;
     *    opportunity -1 x (100 x 19.90 - 100 x 20) = 10.00; IS 13.00 on 4000 = 32.5 bps
     * c: BUY 10 B, DENIED (never sent): no opportunity cost; IS 0 on arrival notional 100
     * d: BUY 50 B, arrival 10, REJECTED, no ack; last price of B 10.20: opportunity 50 x 0.20 = 10.00 on 500 = 200 bps
     */
    private static List<ExecutionQuality.OrderQuality> orders() {
        return ExecutionQuality.perOrder(List.of(
                exec("a", "s1", A, OrderSide.BUY, "100", OrderStatus.FILLED, "50", "100", "50.05", 10.0, "1", 2 * MS, 5 * MS),
                exec("b", "s1", A, OrderSide.SELL, "200", OrderStatus.CANCELED, "20", "100", "19.97", 15.0, "0.5", 4 * MS, 10 * MS),
                exec("c", "s2", B, OrderSide.BUY, "10", OrderStatus.DENIED, "10", "0", null, Double.NaN, "0", -1, 0),
                exec("d", "s2", B, OrderSide.BUY, "50", OrderStatus.REJECTED, "10", "0", null, Double.NaN, "0", -1, 1 * MS)),
                symbol -> 1, symbol -> symbol.equals(A) ? Price.of("19.90") : Price.of("10.20"));
    }

    @Test
    void perOrderShortfall() {
        List<ExecutionQuality.OrderQuality> q = orders();
        assertThat(q.get(0).implementationShortfall()).isEqualTo(Money.of("5"));
        assertThat(q.get(0).implementationShortfallBps()).isCloseTo(10.0, within(1e-9));
        assertThat(q.get(1).executionCost()).isEqualTo(Money.of("3"));
        assertThat(q.get(1).opportunityCost()).isEqualTo(Money.of("10"));
        assertThat(q.get(1).implementationShortfallBps()).isCloseTo(32.5, within(1e-9));
        assertThat(q.get(2).implementationShortfall()).isEqualTo(Money.ZERO);
        assertThat(q.get(3).implementationShortfall()).isEqualTo(Money.of("10"));
        assertThat(q.get(3).implementationShortfallBps()).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void accountAggregate() {
        ExecutionQuality.Aggregate agg = ExecutionQuality.aggregate(orders());
        assertThat(agg.orders()).isEqualTo(4);
        // sent: a, b, d (c was denied)
        assertThat(agg.sentOrders()).isEqualTo(3);
        assertThat(agg.filledOrders()).isEqualTo(1);
        // fill ratio (100 + 100 + 0) / (100 + 200 + 50) = 0.571428...
        assertThat(agg.fillRatio()).isCloseTo(200.0 / 350.0, within(1e-12));
        // slippage weighted by filled notional: (10 x 5005 + 15 x 1997) / (5005 + 1997) = 80005 / 7002 = 11.42602...
        assertThat(agg.slippageBps()).isCloseTo(80005.0 / 7002.0, within(1e-9));
        assertThat(agg.filledNotional()).isEqualTo(Money.of("7002"));
        // IS: 5 + 13 + 0 + 10 = 28 on arrival notional 5000 + 4000 + 500 = 9500 (c not sent) -> 29.47368 bps
        assertThat(agg.implementationShortfall()).isEqualTo(Money.of("28"));
        assertThat(agg.implementationShortfallBps()).isCloseTo(28.0 / 9500 * 10_000, within(1e-9));
        // acks [2, 4] ms: p50 rank ceil(1.0) = 1 -> 2; p90 rank ceil(1.8) = 2 -> 4; p99 -> 4
        assertThat(agg.timeToAcknowledgeP50Ms()).isEqualTo(2.0);
        assertThat(agg.timeToAcknowledgeP90Ms()).isEqualTo(4.0);
        assertThat(agg.timeToAcknowledgeP99Ms()).isEqualTo(4.0);
        // fills: only a (5 ms); b was canceled
        assertThat(agg.timeToFillP50Ms()).isEqualTo(5.0);
        assertThat(agg.timeToFillP99Ms()).isEqualTo(5.0);
        // reject 1 / 3, cancel 1 / 3; fees 1 + 0.5
        assertThat(agg.rejectRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(agg.cancelRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(agg.fees()).isEqualTo(Money.of("1.5"));
    }

    @Test
    void groupedByStrategyAndSymbol() {
        Map<String, ExecutionQuality.Aggregate> byStrategy = ExecutionQuality.aggregateBy(orders(),
                q -> q.execution().strategyId().value());
        assertThat(byStrategy).containsOnlyKeys("s1", "s2");
        // s2: c denied, d rejected: sent 1, reject rate 1, no fills, no slippage
        assertThat(byStrategy.get("s2").rejectRate()).isEqualTo(1.0);
        assertThat(byStrategy.get("s2").slippageBps()).isNull();
        assertThat(byStrategy.get("s2").timeToAcknowledgeP50Ms()).isNull();
        Map<String, ExecutionQuality.Aggregate> bySymbol = ExecutionQuality.aggregateBy(orders(), q -> q.execution().symbol().value());
        assertThat(bySymbol.get("A").implementationShortfall()).isEqualTo(Money.of("18"));
    }

    @Test
    void nearestRankPercentiles() {
        long[] tenValues = {10 * MS, 1 * MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS, 6 * MS, 7 * MS, 8 * MS, 9 * MS};
        // sorted 1..10 ms: p50 rank 5 -> 5; p90 rank 9 -> 9; p99 rank ceil(9.9) = 10 -> 10
        assertThat(ExecutionQuality.percentileMs(tenValues, 50)).isEqualTo(5.0);
        assertThat(ExecutionQuality.percentileMs(tenValues, 90)).isEqualTo(9.0);
        assertThat(ExecutionQuality.percentileMs(tenValues, 99)).isEqualTo(10.0);
        assertThat(ExecutionQuality.percentileMs(new long[0], 50)).isNull();
    }

    @Test
    void anOrderDeniedForOverflowHasNoShortfallInsteadOfEndingTheRun() {
        // A billion at 189.93 is worth more than the largest Money: the order was denied FIGURES_OVERFLOW, and
        // its arrival notional used to throw here, after the run, losing every result.
        List<ExecutionQuality.OrderQuality> q = ExecutionQuality.perOrder(List.of(
                exec("o", "s1", A, OrderSide.BUY, "1000000000", OrderStatus.DENIED, "189.93", "0", null, Double.NaN, "0", -1, 0)),
                symbol -> 1, symbol -> Price.of("190"));
        assertThat(q).singleElement().satisfies(order -> {
            assertThat(order.implementationShortfall()).isNull();
            assertThat(order.arrivalNotional()).isNull();
        });
        assertThat(ExecutionQuality.aggregate(q).fees()).isEqualTo(Money.ZERO);
    }
}
