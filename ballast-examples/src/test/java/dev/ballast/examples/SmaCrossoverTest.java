package dev.ballast.examples;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmaCrossoverTest {
    private static final Symbol A = Symbol.of("AAA");
    private static final Symbol B = Symbol.of("BBB");
    private static final Quantity TEN = Quantity.ofUnits(10);

    private FakeStrategyContext ctx;
    private SmaCrossover strategy;
    private long t;

    @BeforeEach
    void setUp() {
        ctx = new FakeStrategyContext(List.of(A, B));
        strategy = new SmaCrossover(List.of(A, B), 2, 3, TEN);
        strategy.onStart(ctx);
    }

    private List<OrderRequest> bar(Symbol symbol, String close) {
        ctx.feed(strategy, symbol, ++t, close);
        return ctx.drain();
    }

    @Test
    void buysOnCrossUpAndSellsHoldingsOnCrossDown() {
        assertThat(bar(A, "10")).isEmpty();
        assertThat(bar(A, "10")).isEmpty();
        // bar 3: fast (10+10)/2 = 10, slow 10 -> not above; first relation, so no trade
        assertThat(bar(A, "10")).isEmpty();
        // bar 4: fast (10+13)/2 = 11.5 > slow (10+10+13)/3 = 11 -> cross up
        assertThat(bar(A, "13")).containsExactly(OrderRequest.market(A, OrderSide.BUY, TEN));
        ClientOrderId entry = ctx.lastId();
        ctx.setPosition(A, TEN);
        ctx.report(strategy, entry, OrderStatus.FILLED);
        // bar 5: fast 13.5 > slow 12.33 -> still above, no trade
        assertThat(bar(A, "14")).isEmpty();
        // bar 6: fast (14+8)/2 = 11 < slow (13+14+8)/3 = 11.67 -> cross down: sell the 10 held
        assertThat(bar(A, "8")).containsExactly(OrderRequest.market(A, OrderSide.SELL, TEN));
        ctx.setPosition(A, Quantity.ZERO);
        ctx.report(strategy, ctx.lastId(), OrderStatus.FILLED);
        // bar 7: fast (8+7)/2 = 7.5 < slow (14+8+7)/3 = 9.67 -> still below
        assertThat(bar(A, "7")).isEmpty();
        // bar 8: fast (7+20)/2 = 13.5 > slow (8+7+20)/3 = 11.67 -> cross up again
        assertThat(bar(A, "20")).containsExactly(OrderRequest.market(A, OrderSide.BUY, TEN));
        assertThat(ctx.canceled).isEmpty();
    }

    @Test
    void crossDownWithEntryPendingCancelsItAndSellsOnlyWhatFilled() {
        bar(A, "10");
        bar(A, "10");
        bar(A, "10");
        assertThat(bar(A, "13")).hasSize(1);
        ClientOrderId entry = ctx.lastId();
        // Partially filled: 4 of 10 held when the cross down comes.
        ctx.setPosition(A, Quantity.ofUnits(4));
        bar(A, "14");
        assertThat(bar(A, "8")).containsExactly(OrderRequest.market(A, OrderSide.SELL, Quantity.ofUnits(4)));
        assertThat(ctx.canceled).containsExactly(entry);
        // The canceled entry's terminal event must not clear the exit's pending state.
        ClientOrderId exit = ctx.lastId();
        ctx.report(strategy, entry, OrderStatus.CANCELED);
        bar(A, "7");
        // Cross up while the exit is still pending: no entry.
        assertThat(bar(A, "20")).isEmpty();
        ctx.setPosition(A, Quantity.ZERO);
        ctx.report(strategy, exit, OrderStatus.FILLED);
    }

    @Test
    void noSecondEntryWhileTheFirstIsPending() {
        bar(A, "10");
        bar(A, "10");
        bar(A, "10");
        assertThat(bar(A, "13")).hasSize(1);
        // bar 5: fast (13+9)/2 = 11 > slow (10+13+9)/3 = 10.67 -> still above
        assertThat(bar(A, "9")).isEmpty();
        // bar 6: fast (9+9)/2 = 9 < slow (13+9+9)/3 = 10.33 -> cross down; entry pending, nothing held
        assertThat(bar(A, "9")).isEmpty();
        assertThat(ctx.canceled).hasSize(1);
        // bar 7: fast (9+12)/2 = 10.5 > slow (9+9+12)/3 = 10 -> cross up; pending was cleared by the cancel
        assertThat(bar(A, "12")).containsExactly(OrderRequest.market(A, OrderSide.BUY, TEN));
        // bar 8: fast (12+10)/2 = 11 > slow (9+12+10)/3 = 10.33 -> still above
        assertThat(bar(A, "10")).isEmpty();
        // bar 9: fast (10+5)/2 = 7.5 < slow (12+10+5)/3 = 9 -> cross down: cancel the pending entry
        assertThat(bar(A, "5")).isEmpty();
        assertThat(ctx.canceled).hasSize(2);
    }

    @Test
    void symbolsAreIndependentAndUnknownSymbolsIgnored() {
        for (String c : new String[] {"10", "10", "10"}) {
            bar(A, c);
            bar(B, "50");
        }
        assertThat(bar(B, "40")).isEmpty();
        assertThat(bar(A, "13")).containsExactly(OrderRequest.market(A, OrderSide.BUY, TEN));
        assertThat(bar(Symbol.of("ZZZ"), "1")).isEmpty();
    }

    @Test
    void topsUpARemainderRatherThanStacking() {
        ctx.setPosition(A, Quantity.ofUnits(3));
        bar(A, "10");
        bar(A, "10");
        bar(A, "10");
        assertThat(bar(A, "13")).containsExactly(OrderRequest.market(A, OrderSide.BUY, Quantity.ofUnits(7)));
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new SmaCrossover(List.of(A), 3, 3, TEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmaCrossover(List.of(), 2, 3, TEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmaCrossover(List.of(A), 2, 3, Quantity.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
