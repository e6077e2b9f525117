package dev.ballast.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-worked cases of {@link FixedPoint}'s parsing, formatting and 128-bit half-even arithmetic. */
class FixedPointTest {

    @Test
    void parsesWholeAndFractionalNumbersExactly() {
        assertThat(FixedPoint.parse("101.25")).isEqualTo(10_125_000_000L);
        assertThat(FixedPoint.parse("3")).isEqualTo(300_000_000L);
        assertThat(FixedPoint.parse("0.5")).isEqualTo(50_000_000L);
        assertThat(FixedPoint.parse(".5")).isEqualTo(50_000_000L);
        assertThat(FixedPoint.parse("+7.")).isEqualTo(700_000_000L);
    }

    @Test
    void parsesNegativeNumbers() {
        assertThat(FixedPoint.parse("-3")).isEqualTo(-300_000_000L);
        assertThat(FixedPoint.parse("-0.00000001")).isEqualTo(-1L);
        assertThat(FixedPoint.parse("-101.25")).isEqualTo(-10_125_000_000L);
    }

    @Test
    void parsesAllEightDecimals() {
        assertThat(FixedPoint.parse("0.00000001")).isEqualTo(1L);
        assertThat(FixedPoint.parse("1.23456789")).isEqualTo(123_456_789L);
    }

    @Test
    void acceptsTrailingZerosBeyondEightDecimals() {
        // "1.000000000" has a ninth decimal, but it is zero: the value is exactly 1.
        assertThat(FixedPoint.parse("1.000000000")).isEqualTo(100_000_000L);
    }

    @Test
    void rejectsANinthSignificantDecimal() {
        assertThatThrownBy(() -> FixedPoint.parse("0.000000001"))
                .isInstanceOf(NumberFormatException.class).hasMessageContaining("more than 8 decimal places");
        assertThatThrownBy(() -> FixedPoint.parse("1.123456785"))
                .isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "abc", "1e5", "1.2.3", " 1", "1 ", "1,5", "--1", "0x10", "NaN"})
    void rejectsTextThatIsNotAPlainDecimal(String text) {
        assertThatThrownBy(() -> FixedPoint.parse(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void parsesTheLargestRepresentableValue() {
        // Long.MAX_VALUE = 9223372036854775807 raw = 92233720368.54775807 units.
        assertThat(FixedPoint.parse("92233720368.54775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(FixedPoint.parse("-92233720368.54775807")).isEqualTo(-Long.MAX_VALUE);
        assertThat(FixedPoint.parse("-92233720368.54775808")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void rejectsAValueJustAboveTheLongRangeInsteadOfWrapping() {
        // 92233720368.54775808 is Long.MAX_VALUE + 1 raw: must not wrap to a negative number.
        assertThatThrownBy(() -> FixedPoint.parse("92233720368.54775808")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> FixedPoint.parse("92233720368.99999999")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> FixedPoint.parse("92233720369")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> FixedPoint.parse("-92233720368.54775809")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void parsesASubrangeOfTheText() {
        assertThat(FixedPoint.parse("x,12.5,y", 2, 6)).isEqualTo(1_250_000_000L);
    }

    @Test
    void formatsWithoutTrailingZerosOrExponent() {
        assertThat(FixedPoint.format(10_125_000_000L)).isEqualTo("101.25");
        assertThat(FixedPoint.format(10_000_000_000L)).isEqualTo("100");
        assertThat(FixedPoint.format(0)).isEqualTo("0");
        assertThat(FixedPoint.format(-50_000_000L)).isEqualTo("-0.5");
        assertThat(FixedPoint.format(1)).isEqualTo("0.00000001");
    }

    @Test
    void formatsToFixedPlacesHalfEven() {
        // 2.345 -> 2.34 (tie, 4 is even); 2.355 -> 2.36 (tie, 6 is even); 2.3451 -> 2.35 (above half).
        assertThat(FixedPoint.format(234_500_000L, 2)).isEqualTo("2.34");
        assertThat(FixedPoint.format(235_500_000L, 2)).isEqualTo("2.36");
        assertThat(FixedPoint.format(234_510_000L, 2)).isEqualTo("2.35");
    }

    @Test
    void multipliesTwoFixedPointValues() {
        // 1.5 x 2.25 = 3.375
        assertThat(FixedPoint.multiply(150_000_000L, 225_000_000L)).isEqualTo(337_500_000L);
    }

    @Test
    void mulDivRoundsBelowHalfDownAndAboveHalfUp() {
        // 10 / 3 = 3.33.. -> 3; 20 / 3 = 6.66.. -> 7
        assertThat(FixedPoint.mulDiv(10, 1, 3)).isEqualTo(3);
        assertThat(FixedPoint.mulDiv(20, 1, 3)).isEqualTo(7);
    }

    @Test
    void mulDivRoundsTiesToEven() {
        // 5/2 = 2.5 -> 2; 7/2 = 3.5 -> 4; 1/2 = 0.5 -> 0; 3/2 = 1.5 -> 2
        assertThat(FixedPoint.mulDiv(5, 1, 2)).isEqualTo(2);
        assertThat(FixedPoint.mulDiv(7, 1, 2)).isEqualTo(4);
        assertThat(FixedPoint.mulDiv(1, 1, 2)).isEqualTo(0);
        assertThat(FixedPoint.mulDiv(3, 1, 2)).isEqualTo(2);
    }

    @Test
    void mulDivRoundsNegativeValuesSymmetrically() {
        // -5/2 = -2.5 -> -2; -7/2 = -3.5 -> -4; -20/3 = -6.66.. -> -7; 10/-3 via b: -3.33.. -> -3
        assertThat(FixedPoint.mulDiv(-5, 1, 2)).isEqualTo(-2);
        assertThat(FixedPoint.mulDiv(7, -1, 2)).isEqualTo(-4);
        assertThat(FixedPoint.mulDiv(-20, 1, 3)).isEqualTo(-7);
        assertThat(FixedPoint.mulDiv(10, -1, 3)).isEqualTo(-3);
        assertThat(FixedPoint.mulDiv(-7, -1, 2)).isEqualTo(4);
    }

    @Test
    void multiplyRoundsTheEighthDecimalHalfEven() {
        // 0.00000001 x 0.5 = 0.000000005 -> tie -> 0 (even); 0.00000003 x 0.5 = 0.000000015 -> 0.00000002
        assertThat(FixedPoint.multiply(1, 50_000_000L)).isEqualTo(0);
        assertThat(FixedPoint.multiply(3, 50_000_000L)).isEqualTo(2);
        assertThat(FixedPoint.multiply(-3, 50_000_000L)).isEqualTo(-2);
    }

    @Test
    void multipliesLargeOperandsThroughThe128BitPath() {
        // 1e9 units x 50 units = 5e10 units; raw 1e17 x 5e9 = 5e26 overflows 64 bits before the division.
        long billion = FixedPoint.ofUnits(1_000_000_000L);
        long fifty = FixedPoint.ofUnits(50);
        assertThat(FixedPoint.multiply(billion, fifty)).isEqualTo(FixedPoint.ofUnits(50_000_000_000L));
        assertThat(FixedPoint.multiply(-billion, fifty)).isEqualTo(-FixedPoint.ofUnits(50_000_000_000L));
    }

    @Test
    void mulDivWithAProductAbove64BitsRoundsHalfEven() {
        // (2^62 + 1) x 2 / 4 = 2^61 + 0.5 -> tie -> 2^61 (even)
        assertThat(FixedPoint.mulDiv((1L << 62) + 1, 2, 4)).isEqualTo(1L << 61);
        // (2^62 + 3) x 2 / 4 = 2^61 + 1.5 -> tie -> 2^61 + 2 (even)
        assertThat(FixedPoint.mulDiv((1L << 62) + 3, 2, 4)).isEqualTo((1L << 61) + 2);
    }

    @Test
    void multiplyOverflowThrows() {
        // 1e6 units x 1e6 units = 1e12 units, above the ~9.2e10 units a long holds.
        long million = FixedPoint.ofUnits(1_000_000L);
        assertThatThrownBy(() -> FixedPoint.multiply(million, million)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.multiply(Long.MAX_VALUE, 2 * FixedPoint.SCALE))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.mulDiv(Long.MIN_VALUE, 1, 1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void mulDivThrowsWhenRoundingUpLeavesTheLongRange() {
        // (2^32 - 1)(2^32 + 1) = 2^64 - 1; / 2 = 2^63 - 0.5, a tie rounding to 2^63 (even), one above Long.MAX_VALUE.
        long a = (1L << 32) - 1;
        long b = (1L << 32) + 1;
        assertThatThrownBy(() -> FixedPoint.mulDiv(a, b, 2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.mulDiv(-a, b, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void mulDivReachesLongMaxValueExactly() {
        assertThat(FixedPoint.mulDiv(Long.MAX_VALUE, 2, 2)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void mulDivRejectsADivisorOutOfRange() {
        assertThatThrownBy(() -> FixedPoint.mulDiv(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixedPoint.mulDiv(1, 1, 1L << 31)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mulDivExactHandlesDivisorsAbove31Bits() {
        // 10 x 10 / 2^40 rounds to 0; 2^40 x 3 / 2^40 = 3
        assertThat(FixedPoint.mulDivExact(10, 10, 1L << 40)).isEqualTo(0);
        assertThat(FixedPoint.mulDivExact(1L << 40, 3, 1L << 40)).isEqualTo(3);
    }

    @Test
    void dividesHalfEven() {
        // 1 / 3 = 0.333333333.. -> 0.33333333; 2 / 3 -> 0.66666667; 10 / 4 = 2.5
        assertThat(FixedPoint.divide(FixedPoint.ofUnits(1), FixedPoint.ofUnits(3))).isEqualTo(33_333_333L);
        assertThat(FixedPoint.divide(FixedPoint.ofUnits(2), FixedPoint.ofUnits(3))).isEqualTo(66_666_667L);
        assertThat(FixedPoint.divide(FixedPoint.ofUnits(10), FixedPoint.ofUnits(4))).isEqualTo(250_000_000L);
        assertThatThrownBy(() -> FixedPoint.divide(1, 0)).isInstanceOf(ArithmeticException.class);
    }
}
