package dev.ballast.engine.risk;

import dev.ballast.model.Money;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each limit a strategy may set: looser than the account's is reported, equal or tighter is not, unset at the account is free. */
class LimitTighteningTest {
    private static final RiskLimits NONE = RiskLimits.none();

    private static OrderLimits order(Quantity quantity, Money notional, Ratio collar, Integer open, Duration duplicate, Integer rate) {
        return new OrderLimits(quantity, notional, collar, open, duplicate, rate);
    }

    private static PositionLimits position(int field, Object value) {
        Object[] v = new Object[8];
        v[field] = value;
        return new PositionLimits((Quantity) v[0], (Money) v[1], (Ratio) v[2], (Integer) v[3], (Money) v[4], (Money) v[5],
                (Ratio) v[6], (Ratio) v[7]);
    }

    private static LossLimits loss(int field, Object value) {
        Object[] v = new Object[4];
        v[field] = value;
        return new LossLimits((Money) v[0], (Ratio) v[1], false, false, (Ratio) v[2], (Ratio) v[3]);
    }

    private static PerformanceLimits performance(int field, Object value) {
        Object[] v = new Object[6];
        v[field] = value;
        return new PerformanceLimits(50, 10, (Money) v[0], (Money) v[1], (Integer) v[2], (Ratio) v[3], (Integer) v[4],
                (Ratio) v[5], Duration.ofHours(1));
    }

    private static List<String> check(RiskLimits account, RiskLimits strategy) {
        return LimitTightening.loosenings(account, strategy);
    }

    /** Looser is reported with the message; equal and tighter pass; a limit the account leaves unset may be set. */
    private static void assertMaximum(RiskLimits account, RiskLimits looser, RiskLimits equal, RiskLimits tighter, String message) {
        assertThat(check(account, looser)).containsExactly(message);
        assertThat(check(account, equal)).isEmpty();
        assertThat(check(account, tighter)).isEmpty();
        assertThat(check(NONE, looser)).isEmpty();
        assertThat(check(account, NONE)).isEmpty();
    }

    @Test
    void orderMaxQuantity() {
        assertMaximum(NONE.withOrder(order(Quantity.ofUnits(1000), null, null, null, null, null)),
                NONE.withOrder(order(Quantity.ofUnits(2000), null, null, null, null, null)),
                NONE.withOrder(order(Quantity.ofUnits(1000), null, null, null, null, null)),
                NONE.withOrder(order(Quantity.ofUnits(999), null, null, null, null, null)),
                "order.maxQuantity 2000 loosens the account's 1000");
    }

    @Test
    void orderMaxNotional() {
        assertMaximum(NONE.withOrder(order(null, Money.ofUnits(50_000), null, null, null, null)),
                NONE.withOrder(order(null, Money.of("50000.01"), null, null, null, null)),
                NONE.withOrder(order(null, Money.ofUnits(50_000), null, null, null, null)),
                NONE.withOrder(order(null, Money.ofUnits(10_000), null, null, null, null)),
                "order.maxNotional 50000.01 loosens the account's 50000");
    }

    @Test
    void orderPriceCollar() {
        assertMaximum(NONE.withOrder(order(null, null, Ratio.of("0.05"), null, null, null)),
                NONE.withOrder(order(null, null, Ratio.of("0.1"), null, null, null)),
                NONE.withOrder(order(null, null, Ratio.of("0.05"), null, null, null)),
                NONE.withOrder(order(null, null, Ratio.of("0.01"), null, null, null)),
                "order.priceCollar 0.1 loosens the account's 0.05");
    }

    @Test
    void orderMaxOpenOrders() {
        assertMaximum(NONE.withOrder(order(null, null, null, 50, null, null)),
                NONE.withOrder(order(null, null, null, 51, null, null)),
                NONE.withOrder(order(null, null, null, 50, null, null)),
                NONE.withOrder(order(null, null, null, 1, null, null)),
                "order.maxOpenOrders 51 loosens the account's 50");
    }

    @Test
    void orderDuplicateWindowShorterLoosens() {
        assertMaximum(NONE.withOrder(order(null, null, null, null, Duration.ofSeconds(1), null)),
                NONE.withOrder(order(null, null, null, null, Duration.ofMillis(500), null)),
                NONE.withOrder(order(null, null, null, null, Duration.ofSeconds(1), null)),
                NONE.withOrder(order(null, null, null, null, Duration.ofSeconds(5), null)),
                "order.duplicateWindow 500ms loosens the account's 1s");
    }

    @Test
    void orderMaxOrdersPerSecond() {
        assertMaximum(NONE.withOrder(order(null, null, null, null, null, 20)),
                NONE.withOrder(order(null, null, null, null, null, 21)),
                NONE.withOrder(order(null, null, null, null, null, 20)),
                NONE.withOrder(order(null, null, null, null, null, 5)),
                "order.maxOrdersPerSecond 21 loosens the account's 20");
    }

    @Test
    void positionMaxima() {
        Object[][] cases = {
                {Quantity.ofUnits(1000), Quantity.ofUnits(2000), Quantity.ofUnits(10), "position.maxQuantity 2000 loosens the account's 1000"},
                {Money.ofUnits(200_000), Money.ofUnits(300_000), Money.ofUnits(1), "position.maxNotional 300000 loosens the account's 200000"},
                {Ratio.of("0.25"), Ratio.of("0.3"), Ratio.of("0.1"), "position.maxFractionOfEquity 0.3 loosens the account's 0.25"},
                {10, 11, 3, "position.maxOpenPositions 11 loosens the account's 10"},
                {Money.ofUnits(500_000), Money.ofUnits(600_000), Money.ofUnits(1), "position.maxGrossExposure 600000 loosens the account's 500000"},
                {Money.ofUnits(300_000), Money.ofUnits(400_000), Money.ofUnits(1), "position.maxNetExposure 400000 loosens the account's 300000"},
                {Ratio.of("0.4"), Ratio.of("0.5"), Ratio.of("0.2"), "position.maxConcentration 0.5 loosens the account's 0.4"},
                {Ratio.of("2"), Ratio.of("3"), Ratio.of("1"), "position.maxLeverage 3 loosens the account's 2"},
        };
        for (int field = 0; field < cases.length; field++) {
            Object[] c = cases[field];
            assertMaximum(NONE.withPosition(position(field, c[0])), NONE.withPosition(position(field, c[1])),
                    NONE.withPosition(position(field, c[0])), NONE.withPosition(position(field, c[2])), (String) c[3]);
        }
    }

    @Test
    void lossMaxima() {
        Object[][] cases = {
                {Money.ofUnits(2000), Money.ofUnits(2500), Money.ofUnits(500), "loss.maxDailyLoss 2500 loosens the account's 2000"},
                {Ratio.of("0.02"), Ratio.of("0.03"), Ratio.of("0.01"), "loss.maxDailyLossFraction 0.03 loosens the account's 0.02"},
                {Ratio.of("0.05"), Ratio.of("0.06"), Ratio.of("0.04"), "loss.reduceOnlyDrawdown 0.06 loosens the account's 0.05"},
                {Ratio.of("0.1"), Ratio.of("0.2"), Ratio.of("0.08"), "loss.haltDrawdown 0.2 loosens the account's 0.1"},
        };
        for (int field = 0; field < cases.length; field++) {
            Object[] c = cases[field];
            assertMaximum(NONE.withLoss(loss(field, c[0])), NONE.withLoss(loss(field, c[1])),
                    NONE.withLoss(loss(field, c[0])), NONE.withLoss(loss(field, c[2])), (String) c[3]);
        }
    }

    @Test
    void correlationCapAndThreshold() {
        RiskLimits account = NONE.withCorrelation(new CorrelationLimits(60, 0.7, Ratio.of("0.5")));
        assertThat(check(account, NONE.withCorrelation(new CorrelationLimits(60, 0.7, Ratio.of("0.6")))))
                .containsExactly("correlation.maxCorrelatedExposure 0.6 loosens the account's 0.5");
        assertThat(check(account, NONE.withCorrelation(new CorrelationLimits(60, 0.8, Ratio.of("0.5")))))
                .containsExactly("correlation.threshold 0.8 loosens the account's 0.7");
        assertThat(check(account, NONE.withCorrelation(new CorrelationLimits(20, 0.5, Ratio.of("0.3"))))).isEmpty();
        assertThat(check(account, NONE)).isEmpty();
        assertThat(check(NONE, account)).isEmpty();
    }

    @Test
    void performanceMaximaAndMinima() {
        Object[][] cases = {
                // field, account, looser, tighter, message
                {0, Money.ofUnits(-5000), Money.ofUnits(-6000), Money.ofUnits(-1000), "performance.minRollingPnl -6000 loosens the account's -5000"},
                {1, Money.ofUnits(3000), Money.ofUnits(4000), Money.ofUnits(1000), "performance.maxRollingDrawdown 4000 loosens the account's 3000"},
                {2, 6, 7, 3, "performance.maxConsecutiveLosses 7 loosens the account's 6"},
                {3, Ratio.of("0.3"), Ratio.of("0.2"), Ratio.of("0.4"), "performance.minWinRate 0.2 loosens the account's 0.3"},
                {4, 20, 21, 5, "performance.maxErrors 21 loosens the account's 20"},
                {5, Ratio.of("0.2"), Ratio.of("0.25"), Ratio.of("0.1"), "performance.maxRejectRate 0.25 loosens the account's 0.2"},
        };
        for (Object[] c : cases) {
            int field = (Integer) c[0];
            RiskLimits account = NONE.withPerformance(performance(field, c[1]));
            assertThat(check(account, NONE.withPerformance(performance(field, c[2])))).containsExactly((String) c[4]);
            assertThat(check(account, NONE.withPerformance(performance(field, c[1])))).isEmpty();
            assertThat(check(account, NONE.withPerformance(performance(field, c[3])))).isEmpty();
            assertThat(check(NONE, NONE.withPerformance(performance(field, c[2])))).isEmpty();
            // No performance limits of its own: the strategy gets the account's.
            assertThat(check(account, NONE)).isEmpty();
        }
    }

    @Test
    void performanceLimitsOfItsOwnMustKeepTheAccountsThresholds() {
        RiskLimits account = NONE.withPerformance(new PerformanceLimits(50, 10, null, null, null, null, 20, null, Duration.ofHours(1)));
        RiskLimits strategy = NONE.withPerformance(new PerformanceLimits(50, 10, null, null, 3, null, null, null, Duration.ofHours(1)));
        assertThat(check(account, strategy)).containsExactly("performance.maxErrors unset loosens the account's 20");
    }

    @Test
    void performanceCooldownShorterLoosens() {
        RiskLimits account = NONE.withPerformance(new PerformanceLimits(50, 10, null, null, 6, null, null, null, Duration.ofHours(1)));
        RiskLimits shorter = NONE.withPerformance(new PerformanceLimits(50, 10, null, null, 6, null, null, null, Duration.ofMinutes(30)));
        RiskLimits longer = NONE.withPerformance(new PerformanceLimits(50, 10, null, null, 6, null, null, null, Duration.ofHours(2)));
        assertThat(check(account, shorter)).containsExactly("performance.cooldown 30min loosens the account's 60min");
        assertThat(check(account, longer)).isEmpty();
    }

    @Test
    void buyingPowerIsTheAccountsAndNotComparedAtStrategyScope() {
        assertThat(check(RiskLimits.defaults(), RiskLimits.none())).isEmpty();
        assertThat(check(RiskLimits.none(), RiskLimits.defaults())).isEmpty();
    }

    @Test
    void everyLooseningIsReported() {
        RiskLimits account = RiskLimits.basic(Money.ofUnits(50_000), Quantity.ofUnits(1000), null, true);
        RiskLimits strategy = RiskLimits.basic(Money.ofUnits(60_000), Quantity.ofUnits(2000), Money.ofUnits(1), false);
        assertThat(check(account, strategy)).containsExactly(
                "order.maxNotional 60000 loosens the account's 50000",
                "position.maxQuantity 2000 loosens the account's 1000");
    }

    @Test
    void riskConfigRefusesALooseningStrategy() {
        RiskLimits account = RiskLimits.basic(null, Quantity.ofUnits(1000), null, true);
        RiskLimits strategy = RiskLimits.basic(null, Quantity.ofUnits(2000), null, true);
        assertThatThrownBy(() -> new RiskConfig(account, Map.of(StrategyId.of("sma"), strategy), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy sma").hasMessageContaining("position.maxQuantity 2000 loosens the account's 1000");
    }
}
