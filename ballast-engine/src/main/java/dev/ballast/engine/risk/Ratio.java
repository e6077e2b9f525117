package dev.ballast.engine.risk;

import dev.ballast.model.FixedPoint;

/**
 * A non-negative fixed-point ratio used by limits: 0.05 for 5% of equity, 2 for a leverage of 2.
 * Exact (eight decimals), so applying a limit to money involves no floating point. Immutable.
 */
public record Ratio(long raw) implements Comparable<Ratio> {
    public Ratio {
        if (raw < 0) throw new IllegalArgumentException("a ratio must not be negative, was " + FixedPoint.format(raw));
    }

    /** From a plain decimal: "0.05", "2". */
    public static Ratio of(String decimal) {
        return new Ratio(FixedPoint.parse(decimal));
    }

    /** From a percentage: "5" is 0.05. */
    public static Ratio ofPercent(String percent) {
        return new Ratio(FixedPoint.mulDiv(FixedPoint.parse(percent), 1, 100));
    }

    /** {@code amountRaw x this}, rounded half-even (a raw money or quantity value). */
    public long applyTo(long amountRaw) {
        return FixedPoint.multiply(amountRaw, raw);
    }

    public double toDouble() {
        return FixedPoint.toDouble(raw);
    }

    @Override
    public int compareTo(Ratio other) {
        return Long.compare(raw, other.raw);
    }

    /** As a percentage ("5%"), for messages. */
    public String toPercent() {
        return FixedPoint.format(FixedPoint.multiply(raw, FixedPoint.ofUnits(100))) + "%";
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
