package dev.ballast.examples;

import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsiMeanReversionTest {
    private static final Symbol A = Symbol.of("AAA");
    private static final Quantity FIVE = Quantity.ofUnits(5);

    private final FakeStrategyContext ctx = new FakeStrategyContext(List.of(A));
    private final RsiMeanReversion strategy = new RsiMeanReversion(List.of(A), 2, 30, 70, FIVE);
    private long t;

    private List<OrderRequest> bar(String close) {
        ctx.feed(strategy, A, ++t, close);
        return ctx.drain();
    }

    @Test
    void buysOversoldWhenFlatAndSellsOverboughtWhenLong() {
        strategy.onStart(ctx);
        assertThat(bar("10")).isEmpty();
        assertThat(bar("9")).isEmpty();
        // bar 3: changes -1, -1 -> avgGain 0, avgLoss 1 -> RSI 0 < 30, flat -> buy
        assertThat(bar("8")).containsExactly(OrderRequest.market(A, OrderSide.BUY, FIVE));
        // bar 4: change -1 -> RSI 0 still, but the entry is pending -> nothing
        assertThat(bar("7")).isEmpty();
        ctx.setPosition(A, FIVE);
        ctx.report(strategy, ctx.lastId(), OrderStatus.FILLED);
        // bar 5: change -1 -> RSI 0, but long now -> no second entry
        assertThat(bar("6")).isEmpty();
        // bar 6: change +4 -> avgGain (0*1 + 4)/2 = 2, avgLoss (1*1 + 0)/2 = 0.5 -> RS 4 -> RSI 80 > 70 -> sell 5
        assertThat(bar("10")).containsExactly(OrderRequest.market(A, OrderSide.SELL, FIVE));
        // bar 7: change +2 -> avgGain 2, avgLoss 0.25 -> RSI 88.9; exit pending -> nothing
        assertThat(bar("12")).isEmpty();
        ctx.setPosition(A, Quantity.ZERO);
        ctx.report(strategy, ctx.lastId(), OrderStatus.FILLED);
        // bar 8: change 0 -> avgGain 1, avgLoss 0.125 -> RSI 88.9 > 70 but flat -> nothing
        assertThat(bar("12")).isEmpty();
        // bar 9: change -6 -> avgGain 0.5, avgLoss (0.125 + 6)/2 = 3.0625 -> RSI 14.0 < 30, flat -> buy
        assertThat(bar("6")).containsExactly(OrderRequest.market(A, OrderSide.BUY, FIVE));
    }

    @Test
    void deniedEntryFreesTheSymbolForTheNextSignal() {
        strategy.onStart(ctx);
        bar("10");
        bar("9");
        assertThat(bar("8")).hasSize(1);
        ctx.report(strategy, ctx.lastId(), OrderStatus.DENIED);
        // RSI still 0 and flat: tries again
        assertThat(bar("7")).containsExactly(OrderRequest.market(A, OrderSide.BUY, FIVE));
    }

    @Test
    void rejectsBadThresholds() {
        assertThatThrownBy(() -> new RsiMeanReversion(List.of(A), 14, 70, 30, FIVE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RsiMeanReversion(List.of(A), 14, -1, 70, FIVE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RsiMeanReversion(List.of(A), 0, 30, 70, FIVE)).isInstanceOf(IllegalArgumentException.class);
    }
}
