package dev.ballast.engine.risk;

import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTrafficTest {
    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final StrategyId S1 = StrategyId.of("s1");
    private static final StrategyId S2 = StrategyId.of("s2");
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final OrderTraffic traffic = new OrderTraffic();
    private int ids;

    private Order order(StrategyId strategy, OrderRequest request) {
        return Order.initialized(ClientOrderId.of("o" + (++ids)), strategy, request, 0, BracketRole.NONE, null);
    }

    private Order buy(StrategyId strategy, String quantity, String limit) {
        return order(strategy, OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of(quantity), Price.of(limit)));
    }

    @Test
    void anIdenticalOrderIsADuplicateUntilExactlyOneWindowLater() {
        traffic.hasDuplicate(buy(S1, "10", "100"), SECOND, 0);
        traffic.approved(buy(S1, "10", "100"), 5 * SECOND);
        // window (now - 1 s, now]: 1 ns before the window ends it is a duplicate, exactly 1 s later it is not
        assertThat(traffic.hasDuplicate(buy(S1, "10", "100"), SECOND, 5 * SECOND)).isTrue();
        assertThat(traffic.hasDuplicate(buy(S1, "10", "100"), SECOND, 6 * SECOND - 1)).isTrue();
        assertThat(traffic.hasDuplicate(buy(S1, "10", "100"), SECOND, 6 * SECOND)).isFalse();
    }

    @Test
    void ordersDifferingInAnyTermAreNotDuplicates() {
        traffic.hasDuplicate(buy(S1, "10", "100"), SECOND, 0);
        traffic.approved(buy(S1, "10", "100"), 0);
        assertThat(traffic.hasDuplicate(buy(S2, "10", "100"), SECOND, 1)).as("strategy").isFalse();
        assertThat(traffic.hasDuplicate(buy(S1, "11", "100"), SECOND, 1)).as("quantity").isFalse();
        assertThat(traffic.hasDuplicate(buy(S1, "10", "100.01"), SECOND, 1)).as("limit").isFalse();
        assertThat(traffic.hasDuplicate(order(S1, OrderRequest.limit(AAPL, OrderSide.SELL, Quantity.of("10"), Price.of("100"))),
                SECOND, 1)).as("side").isFalse();
        assertThat(traffic.hasDuplicate(order(S1, OrderRequest.limit(Symbol.of("MSFT"), OrderSide.BUY, Quantity.of("10"),
                Price.of("100"))), SECOND, 1)).as("symbol").isFalse();
        assertThat(traffic.hasDuplicate(order(S1, OrderRequest.stop(AAPL, OrderSide.BUY, Quantity.of("10"), Price.of("100"))),
                SECOND, 1)).as("type and stop price").isFalse();
        assertThat(traffic.hasDuplicate(order(S1, OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("10"))), SECOND, 1))
                .as("market").isFalse();
    }

    @Test
    void aRepeatedApprovalRestartsTheWindowAndSurvivesPruningOfTheEarlierOne() {
        traffic.hasDuplicate(buy(S1, "10", "100"), SECOND, 0);
        traffic.approved(buy(S1, "10", "100"), 0);
        traffic.approved(buy(S1, "10", "100"), 900 * MS);
        // at 1.5 s the approval at 0 has been pruned, the one at 0.9 s still counts
        assertThat(traffic.hasDuplicate(buy(S1, "10", "100"), SECOND, 1500 * MS)).isTrue();
        assertThat(traffic.hasDuplicate(buy(S1, "10", "100"), SECOND, 1900 * MS)).isFalse();
    }

    @Test
    void remembersOnlyKeysWithinTheWindow() {
        traffic.hasDuplicate(buy(S1, "1", "100"), SECOND, 0);
        for (int i = 0; i < 10_000; i++) traffic.approved(buy(S1, Integer.toString(1 + i), "100"), i * 10 * MS);
        // approvals every 10 ms over a 1 s window: at most 100 keys (plus the one at the edge) are kept
        assertThat(traffic.rememberedKeys()).isLessThanOrEqualTo(101);
        assertThat(traffic.hasDuplicate(buy(S1, "10000", "100"), SECOND, 99_990 * MS)).isTrue();
        assertThat(traffic.hasDuplicate(buy(S1, "1", "100"), SECOND, 99_990 * MS)).isFalse();
    }

    @Test
    void rateWindowIsTheHalfOpenSecondUpToNow() {
        RiskScope account = RiskScope.ACCOUNT;
        traffic.approvedWithin(account, SECOND, 0);
        traffic.approved(buy(S1, "1", "100"), 0);
        traffic.approved(buy(S1, "2", "100"), 500 * MS);
        traffic.approved(buy(S1, "3", "100"), 900 * MS);
        assertThat(traffic.approvedWithin(account, SECOND, SECOND - 1)).isEqualTo(3);
        // the approval at 0 leaves exactly 1 s later
        assertThat(traffic.approvedWithin(account, SECOND, SECOND)).isEqualTo(2);
        assertThat(traffic.approvedWithin(account, SECOND, 1500 * MS)).isEqualTo(1);
        assertThat(traffic.approvedWithin(account, SECOND, 1900 * MS)).isZero();
    }

    @Test
    void countsPerStrategyAndForTheAccount() {
        traffic.approvedWithin(RiskScope.ACCOUNT, SECOND, 0);
        traffic.approved(buy(S1, "1", "100"), 0);
        traffic.approved(buy(S1, "2", "100"), 1);
        traffic.approved(buy(S2, "3", "100"), 2);
        assertThat(traffic.approvedWithin(RiskScope.of(S1), SECOND, 3)).isEqualTo(2);
        assertThat(traffic.approvedWithin(RiskScope.of(S2), SECOND, 3)).isEqualTo(1);
        assertThat(traffic.approvedWithin(RiskScope.of(StrategyId.of("s3")), SECOND, 3)).isZero();
        assertThat(traffic.approvedWithin(RiskScope.ACCOUNT, SECOND, 3)).isEqualTo(3);
    }

    @Test
    void aShorterWindowThanTheLongestAskedCountsOnlyItsOwnSpan() {
        traffic.approvedWithin(RiskScope.ACCOUNT, SECOND, 0);
        for (int i = 0; i < 10; i++) traffic.approved(buy(S1, Integer.toString(1 + i), "100"), i * 100 * MS);
        // approvals at 0, 100, ..., 900 ms; at 950 ms the last 500 ms (450, 950] hold 500..900: 5
        assertThat(traffic.approvedWithin(RiskScope.ACCOUNT, 500 * MS, 950 * MS)).isEqualTo(5);
        assertThat(traffic.approvedWithin(RiskScope.ACCOUNT, SECOND, 950 * MS)).isEqualTo(10);
    }

    @Test
    void ringsGrowPastTheirInitialCapacityInOrder() {
        traffic.approvedWithin(RiskScope.ACCOUNT, SECOND, 0);
        for (int i = 0; i < 100; i++) traffic.approved(buy(S1, "1", "100"), i);
        assertThat(traffic.approvedWithin(RiskScope.ACCOUNT, SECOND, 100)).isEqualTo(100);
        assertThat(traffic.approvedWithin(RiskScope.ACCOUNT, 50, 100)).isEqualTo(49);
        assertThat(traffic.approvedWithin(RiskScope.of(S1), SECOND, SECOND + 50)).isEqualTo(49);
    }
}
