package dev.ballast.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Arithmetic on the fixed-point representation shared by {@link Price}, {@link Quantity} and {@link Money}:
 * a {@code long} holding the value times {@link #SCALE} (eight decimal places).
 *
 * <p>Products are computed exactly in 128 bits and rounded half-even once, so booked values never
 * depend on floating point. Overflow of the result throws {@link ArithmeticException}: a value above
 * about 92 billion units is a bug or a corrupt input, never something to wrap silently. Stateless and
 * thread-safe.
 */
public final class FixedPoint {
    /** Decimal places carried by every fixed-point value. */
    public static final int DECIMALS = 8;
    /** The raw value of one unit. */
    public static final long SCALE = 100_000_000L;

    private static final long MAX_SCALABLE = Long.MAX_VALUE / SCALE;

    private FixedPoint() {}

    /**
     * Parses a plain decimal string ("101.25", "-3", "0.00000001") into raw units, exactly.
     *
     * @throws NumberFormatException when the text is not a plain decimal or has more than eight decimals
     */
    public static long parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    /** Parses {@code text[from, to)}; see {@link #parse(CharSequence)}. Allocation-free. */
    public static long parse(CharSequence text, int from, int to) {
        if (from >= to) throw new NumberFormatException("empty number");
        int i = from;
        boolean negative = false;
        char first = text.charAt(i);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i++;
        }
        long units = 0;
        long fraction = 0;
        int fractionDigits = 0;
        boolean seenDigit = false;
        boolean seenPoint = false;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                seenDigit = true;
                if (seenPoint) {
                    if (fractionDigits == DECIMALS) {
                        if (c != '0') throw new NumberFormatException(
                                "more than " + DECIMALS + " decimal places: " + text.subSequence(from, to));
                        continue;
                    }
                    fraction = fraction * 10 + (c - '0');
                    fractionDigits++;
                } else {
                    units = units * 10 + (c - '0');
                    if (units > Long.MAX_VALUE / SCALE) throw new NumberFormatException(
                            "too large: " + text.subSequence(from, to));
                }
            } else if (c == '.' && !seenPoint) {
                seenPoint = true;
            } else {
                throw new NumberFormatException("not a decimal number: '" + text.subSequence(from, to) + "'");
            }
        }
        if (!seenDigit) throw new NumberFormatException("not a decimal number: '" + text.subSequence(from, to) + "'");
        for (int d = fractionDigits; d < DECIMALS; d++) fraction *= 10;
        // units <= Long.MAX_VALUE / SCALE keeps units * SCALE in range, but adding the fraction can still
        // leave the long range ("92233720368.99999999"): refuse it rather than wrap. The negative range
        // reaches one further (Long.MIN_VALUE, "-92233720368.54775808").
        long whole = units * SCALE;
        if (fraction - (negative ? 1 : 0) > Long.MAX_VALUE - whole) {
            throw new NumberFormatException("too large: " + text.subSequence(from, to));
        }
        return negative ? -whole - fraction : whole + fraction;
    }

    /** Raw value of a whole number of units. */
    public static long ofUnits(long units) {
        return Math.multiplyExact(units, SCALE);
    }

    /**
     * {@code round(a * b / SCALE)} computed exactly with half-even rounding: the product of two
     * fixed-point values, itself fixed-point.
     */
    public static long multiply(long a, long b) {
        return mulDiv(a, b, SCALE);
    }

    /**
     * The signed value of {@code quantity} units at {@code price} for a contract {@code multiplier}:
     * quantity x price x multiplier, rounded half-even once.
     */
    public static long notional(long quantity, long price, long multiplier) {
        return mulDiv(quantity, Math.multiplyExact(price, multiplier), SCALE);
    }

    /**
     * {@code round(a * b / divisor)}, half-even, exact for any {@code a} and {@code b}; {@code divisor}
     * must be in {@code [1, 2^31)}.
     *
     * @throws ArithmeticException if the result does not fit in a {@code long}
     */
    public static long mulDiv(long a, long b, long divisor) {
        if (divisor <= 0 || divisor >= (1L << 31)) throw new IllegalArgumentException("divisor out of range: " + divisor);
        boolean negative = (a < 0) != (b < 0);
        long ua = Math.absExact(a);
        long ub = Math.absExact(b);
        long hi = Math.unsignedMultiplyHigh(ua, ub);
        long lo = ua * ub;
        // Long division of the 128-bit product by a 31-bit divisor, 32 bits at a time.
        long rem = 0;
        long q3 = ((rem << 32) | (hi >>> 32));
        rem = q3 % divisor; q3 /= divisor;
        long q2 = ((rem << 32) | (hi & 0xFFFF_FFFFL));
        rem = q2 % divisor; q2 /= divisor;
        long q1 = ((rem << 32) | (lo >>> 32));
        rem = q1 % divisor; q1 /= divisor;
        long q0 = ((rem << 32) | (lo & 0xFFFF_FFFFL));
        rem = q0 % divisor; q0 /= divisor;
        if (q3 != 0 || q2 != 0 || q1 >= (1L << 31)) throw new ArithmeticException("fixed-point overflow");
        long quotient = (q1 << 32) | q0;
        long twice = rem * 2;
        if (twice > divisor || (twice == divisor && (quotient & 1) == 1)) {
            // Rounding up from Long.MAX_VALUE would wrap to Long.MIN_VALUE: that is an overflow too.
            if (quotient == Long.MAX_VALUE) throw new ArithmeticException("fixed-point overflow");
            quotient++;
        }
        return negative ? -quotient : quotient;
    }

    /**
     * {@code round(a * b / c)} half-even for any positive {@code c}; the slow exact path for pro-rata
     * splits (releasing part of a cost basis). Not for the per-event hot path.
     */
    public static long mulDivExact(long a, long b, long c) {
        if (c <= 0) throw new IllegalArgumentException("divisor must be positive: " + c);
        if (c < (1L << 31)) return mulDiv(a, b, c);
        return BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(b))
                .divide(BigDecimal.valueOf(c), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** {@code round(a / b * SCALE)} half-even: the fixed-point quotient of two fixed-point values. */
    public static long divide(long a, long b) {
        if (b == 0) throw new ArithmeticException("division by zero");
        if (a > -MAX_SCALABLE && a < MAX_SCALABLE && b != Long.MIN_VALUE) {
            // Fast path (average prices on every fill): a x SCALE fits in a long.
            long numerator = a * SCALE;
            long quotient = numerator / b;
            long remainder = Math.abs(numerator % b);
            long divisor = Math.abs(b);
            long rest = divisor - remainder;
            if (remainder > rest || (remainder == rest && (quotient & 1) != 0)) {
                quotient += (numerator < 0) == (b < 0) ? 1 : -1;
            }
            return quotient;
        }
        return BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(SCALE))
                .divide(BigDecimal.valueOf(b), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** Rounds a double to the nearest raw value; only for generated or analytic figures, never for booking. */
    public static long fromDouble(double value) {
        if (!Double.isFinite(value)) throw new ArithmeticException("not a finite number: " + value);
        return Math.round(value * SCALE);
    }

    /** The value as a double, for statistics and display only. */
    public static double toDouble(long raw) {
        return raw / (double) SCALE;
    }

    /** The exact value as a {@link BigDecimal}, trailing zeros stripped. */
    public static BigDecimal toBigDecimal(long raw) {
        return BigDecimal.valueOf(raw, DECIMALS).stripTrailingZeros();
    }

    /** Plain decimal text with no exponent and no trailing zeros ("101.25", "3", "-0.5"). */
    public static String format(long raw) {
        if (raw == 0) return "0";
        return toBigDecimal(raw).toPlainString();
    }

    /** Decimal text with exactly {@code places} decimals, rounded half-even (for money in reports). */
    public static String format(long raw, int places) {
        return BigDecimal.valueOf(raw, DECIMALS).setScale(places, RoundingMode.HALF_EVEN).toPlainString();
    }
}
