package dev.ballast.model;

/**
 * A quantity of an instrument (shares, contracts, coins) as an exact fixed-point value with eight
 * decimals. Order quantities are positive; position quantities are signed (negative is short). Immutable.
 */
public record Quantity(long raw) implements Comparable<Quantity> {
    public static final Quantity ZERO = new Quantity(0);

    public static Quantity of(String text) {
        return new Quantity(FixedPoint.parse(text));
    }

    public static Quantity ofUnits(long units) {
        return new Quantity(FixedPoint.ofUnits(units));
    }

    public static Quantity ofRaw(long raw) {
        return new Quantity(raw);
    }

    public Quantity plus(Quantity other) {
        return new Quantity(Math.addExact(raw, other.raw));
    }

    public Quantity minus(Quantity other) {
        return new Quantity(Math.subtractExact(raw, other.raw));
    }

    public Quantity negate() {
        return new Quantity(Math.negateExact(raw));
    }

    public Quantity abs() {
        return raw < 0 ? negate() : this;
    }

    public Quantity min(Quantity other) {
        return raw <= other.raw ? this : other;
    }

    public boolean isZero() {
        return raw == 0;
    }

    public boolean isPositive() {
        return raw > 0;
    }

    /** True when this quantity is a whole multiple of {@code lot}. */
    public boolean isMultipleOf(Quantity lot) {
        return lot.raw > 0 && raw % lot.raw == 0;
    }

    public double toDouble() {
        return FixedPoint.toDouble(raw);
    }

    @Override
    public int compareTo(Quantity other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
