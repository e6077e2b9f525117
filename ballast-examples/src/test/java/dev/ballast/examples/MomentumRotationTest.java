package dev.ballast.examples;

import dev.ballast.model.AssetClass;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MomentumRotationTest {
    private static final Symbol A = Symbol.of("AAA");
    private static final Symbol B = Symbol.of("BBB");
    private static final Symbol C = Symbol.of("CCC");

    private FakeStrategyContext ctx;
    private MomentumRotation strategy;

    @BeforeEach
    void setUp() {
        ctx = new FakeStrategyContext(List.of(A, B, C));
        ctx.setEquity(Money.ofUnits(10_000));
        // C trades in lots of 10.
        ctx.setInstrument(new Instrument(C, AssetClass.EQUITY, "USD", Price.of("0.01"), Quantity.ofUnits(10), 1));
        strategy = new MomentumRotation(List.of(A, B, C), 1, 2, 1, 0.5);
        strategy.onStart(ctx);
    }

    /** Feeds one timestamp's bars in A, B, C order; returns the orders sent on each bar. */
    private List<List<OrderRequest>> step(long t, String a, String b, String c) {
        List<List<OrderRequest>> out = new ArrayList<>();
        ctx.feed(strategy, A, t, a);
        out.add(ctx.drain());
        ctx.feed(strategy, B, t, b);
        out.add(ctx.drain());
        ctx.feed(strategy, C, t, c);
        out.add(ctx.drain());
        return out;
    }

    @Test
    void holdsTheStrongestAndRotatesOnTheRebalanceBar() {
        assertThat(step(1, "100", "50", "20")).containsOnly(List.of());
        assertThat(step(2, "110", "50", "21")).containsOnly(List.of());
        // First bar of t3: steps 1 and 2 are complete -> rebalance before feeding it.
        // ROC(1): A 110/100-1 = +10%, B 0%, C 21/20-1 = +5% -> hold A.
        // Slot = 10000 x 0.5 / 1 = 5000; A's last price is already t3's 99 (set with the bar):
        // 5000 / 99 = 50.505... -> 50 shares.
        List<List<OrderRequest>> t3 = step(3, "99", "50", "21");
        assertThat(t3.get(0)).containsExactly(OrderRequest.market(A, OrderSide.BUY, Quantity.ofUnits(50)));
        assertThat(t3.get(1)).isEmpty();
        assertThat(t3.get(2)).isEmpty();
        ctx.setPosition(A, Quantity.ofUnits(50));
        ctx.report(strategy, ctx.lastId(), OrderStatus.FILLED);
        // No rebalance at t4 (3 steps completed).
        assertThat(step(4, "99", "50", "25.2")).containsOnly(List.of());
        // First bar of t5: 4 steps -> rebalance. ROC(1) from t3 to t4: A 0%, B 0%, C 25.2/21-1 = +20% -> hold C.
        // Sell all 50 A first; buy C only once the sell has filled (no buying power for working sells):
        // 5000 / 25.2 = 198.41 -> 198 -> down to lots of 10 -> 190.
        List<List<OrderRequest>> t5 = step(5, "99", "50", "25.2");
        assertThat(t5.get(0)).containsExactly(OrderRequest.market(A, OrderSide.SELL, Quantity.ofUnits(50)));
        ctx.setPosition(A, Quantity.ZERO);
        ctx.report(strategy, ctx.lastId(), OrderStatus.FILLED);
        assertThat(ctx.drain()).containsExactly(OrderRequest.market(C, OrderSide.BUY, Quantity.ofUnits(190)));
    }

    @Test
    void resizesAHeldPositionToItsTargetAndSkipsPendingSymbols() {
        step(1, "100", "50", "20");
        step(2, "110", "50", "21");
        ctx.setPosition(A, Quantity.ofUnits(60));
        // Holding 60 A with a target of 50 -> sell the 10 extra.
        List<List<OrderRequest>> t3 = step(3, "99", "50", "21");
        assertThat(t3.get(0)).containsExactly(OrderRequest.market(A, OrderSide.SELL, Quantity.ofUnits(10)));
        // That sell stays pending; at the next rebalance A is left alone though C now leads.
        step(4, "99", "50", "25.2");
        List<List<OrderRequest>> t5 = step(5, "99", "50", "25.2");
        assertThat(t5.get(0)).containsExactly(OrderRequest.market(C, OrderSide.BUY, Quantity.ofUnits(190)));
    }

    @Test
    void targetQuantityIsFlooredToLotsInFixedPoint() {
        Instrument lots = new Instrument(C, AssetClass.FUTURE, "USD", Price.of("0.25"), Quantity.ofUnits(1), 50);
        // 100000 / (4000.25 x 50) = 0.49997 -> 0 contracts
        assertThat(MomentumRotation.targetQuantity(Money.ofUnits(100_000), Price.of("4000.25"), lots)).isEqualTo(Quantity.ZERO);
        // 1000000 / (4000.25 x 50) = 4.9997 -> 4 contracts
        assertThat(MomentumRotation.targetQuantity(Money.ofUnits(1_000_000), Price.of("4000.25"), lots)).isEqualTo(Quantity.ofUnits(4));
        Instrument coin = new Instrument(A, AssetClass.CRYPTO, "USD", Price.of("0.01"), Quantity.of("0.001"), 1);
        // 1000 / 30000 = 0.0333... -> 0.033
        assertThat(MomentumRotation.targetQuantity(Money.ofUnits(1000), Price.ofUnits(30_000), coin)).isEqualTo(Quantity.of("0.033"));
        // exact division stays exact: 5000 / 125 = 40
        assertThat(MomentumRotation.targetQuantity(Money.ofUnits(5000), Price.ofUnits(125), Instrument.equity(B, "USD")))
                .isEqualTo(Quantity.ofUnits(40));
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new MomentumRotation(List.of(A, B), 1, 1, 3, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MomentumRotation(List.of(A, B), 1, 1, 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MomentumRotation(List.of(A, A), 1, 1, 1, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
