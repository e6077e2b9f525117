package dev.ballast.engine.monitor;

import dev.ballast.model.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-worked drawdown figures of the EquityCurve, and its one-point-per-timestamp rule. */
class EquityCurveTest {
    private final EquityCurve curve = new EquityCurve();

    private void record(long time, String equity) {
        curve.record(time, Money.of(equity).raw());
    }

    @Test
    void risingCurveHasNoDrawdown() {
        record(1, "100");
        record(2, "110");
        record(3, "120");
        assertThat(curve.maxDrawdown()).isEqualTo(Money.ZERO);
        assertThat(curve.maxDrawdownFraction()).isZero();
    }

    @Test
    void maxDrawdownIsTheLargestFallFromAHighWaterMark() {
        // 100 -> 120 (peak) -> 90: fall 30 = 25% of 120; -> 130 (new peak) -> 110: fall 20 = 15.38%
        record(1, "100");
        record(2, "120");
        record(3, "90");
        record(4, "130");
        record(5, "110");
        assertThat(curve.maxDrawdown()).isEqualTo(Money.of("30"));
        assertThat(curve.maxDrawdownFraction()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void laterLargerFractionWinsEvenWithASmallerAmount() {
        // 1000 -> 900: 100 = 10%; 900 -> 200 -> 150 ... peak stays 1000: fall 850 = 85%
        record(1, "1000");
        record(2, "900");
        record(3, "150");
        assertThat(curve.maxDrawdown()).isEqualTo(Money.of("850"));
        assertThat(curve.maxDrawdownFraction()).isCloseTo(0.85, within(1e-12));
    }

    @Test
    void drawdownFigureIsExactInFixedPoint() {
        // 100000.01 -> 99999.99: fall 0.02
        record(1, "100000.01");
        record(2, "99999.99");
        assertThat(curve.maxDrawdown()).isEqualTo(Money.of("0.02"));
    }

    @Test
    void repeatedTimestampReplacesTheLastPoint() {
        record(1, "100");
        record(2, "90");
        record(2, "95");
        assertThat(curve.size()).isEqualTo(2);
        assertThat(curve.time(1)).isEqualTo(2);
        assertThat(curve.equity(1)).isEqualTo(Money.of("95"));
        // the curve is 100, 95: a fall of 5, not the replaced 10
        assertThat(curve.maxDrawdown()).isEqualTo(Money.of("5"));
        assertThat(curve.maxDrawdownFraction()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void replacedTransientPeakDoesNotCountAsAHighWaterMark() {
        // At t=2 an intermediate 150 is replaced by 100: the curve is 100, 100, 90, so the drawdown is 10, not 60.
        record(1, "100");
        record(2, "150");
        record(2, "100");
        record(3, "90");
        assertThat(curve.maxDrawdown()).isEqualTo(Money.of("10"));
        assertThat(curve.maxDrawdownFraction()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        for (int i = 0; i < 3000; i++) curve.record(i, Money.ofUnits(1000 + i).raw());
        assertThat(curve.size()).isEqualTo(3000);
        assertThat(curve.equity(2999)).isEqualTo(Money.ofUnits(3999));
        assertThat(curve.time(1500)).isEqualTo(1500);
    }
}
