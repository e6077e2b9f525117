package dev.ballast.engine.risk;

import dev.ballast.model.Money;
import dev.ballast.model.Quantity;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging two sets of a strategy's limits keeps the tightest of each; capping at the account's never loosens. */
class LimitMergeTest {
    private static RiskLimits orders(OrderLimits order) {
        return RiskLimits.none().withOrder(order);
    }

    @Test
    void tightestOfEachValueWinsAndUnsetTakesTheOther() {
        RiskLimits first = orders(new OrderLimits(Quantity.ofUnits(500), null, Ratio.of("0.05"), 10, Duration.ofSeconds(1), null));
        RiskLimits second = orders(new OrderLimits(Quantity.ofUnits(1000), Money.ofUnits(9000), Ratio.of("0.02"), null,
                Duration.ofSeconds(3), 5));

        assertThat(LimitMerge.tightest(first, second).order()).isEqualTo(new OrderLimits(Quantity.ofUnits(500), Money.ofUnits(9000),
                Ratio.of("0.02"), 10, Duration.ofSeconds(3), 5));
        assertThat(LimitMerge.tightest(null, second)).isSameAs(second);
    }

    @Test
    void tighterMinimaAreTheLargerAndFlagsFailSafe() {
        PerformanceLimits a = new PerformanceLimits(50, 10, Money.ofUnits(-5000), Money.ofUnits(3000), 6, Ratio.of("0.3"), 20,
                Ratio.of("0.2"), Duration.ofMinutes(60));
        PerformanceLimits b = new PerformanceLimits(30, 5, Money.ofUnits(-1000), Money.ofUnits(4000), null, Ratio.of("0.4"), 9,
                null, Duration.ofMinutes(30));
        RiskLimits merged = LimitMerge.tightest(RiskLimits.none().withPerformance(a)
                        .withLoss(new LossLimits(Money.ofUnits(900), null, false, true, null, null)),
                RiskLimits.none().withPerformance(b).withLoss(new LossLimits(Money.ofUnits(500), null, true, false, null, null)));

        assertThat(merged.performance()).isEqualTo(new PerformanceLimits(50, 5, Money.ofUnits(-1000), Money.ofUnits(3000), 6,
                Ratio.of("0.4"), 9, Ratio.of("0.2"), Duration.ofMinutes(60)));
        assertThat(merged.loss()).isEqualTo(new LossLimits(Money.ofUnits(500), null, true, false, null, null));
    }

    @Test
    void withinCapsLooserValuesAtTheAccountsAndLeavesUnsetOnesUnset() {
        RiskLimits account = orders(new OrderLimits(Quantity.ofUnits(1000), Money.ofUnits(5000), null, null, Duration.ofSeconds(2), null));
        RiskLimits strategy = orders(new OrderLimits(Quantity.ofUnits(100_000), null, Ratio.of("0.05"), null, Duration.ofMillis(10), null));

        RiskLimits capped = LimitMerge.within(account, strategy);

        assertThat(capped.order()).isEqualTo(new OrderLimits(Quantity.ofUnits(1000), null, Ratio.of("0.05"), null,
                Duration.ofSeconds(2), null));
        assertThat(LimitTightening.loosenings(account, capped)).isEmpty();
        assertThat(LimitTightening.loosenings(account, strategy)).isNotEmpty();
    }
}
