package dev.ballast.model;

/**
 * A price as an exact fixed-point value with eight decimals ({@link FixedPoint}). May be negative
 * (spreads, some futures); order prices are checked for sign by the RiskManager. Immutable.
 */
public record Price(long raw) implements Comparable<Price> {
    public static final Price ZERO = new Price(0);

    public static Price of(String text) {
        return new Price(FixedPoint.parse(text));
    }

    public static Price ofUnits(long units) {
        return new Price(FixedPoint.ofUnits(units));
    }

    public static Price ofRaw(long raw) {
        return new Price(raw);
    }

    public Price plus(Price other) {
        return new Price(Math.addExact(raw, other.raw));
    }

    public Price minus(Price other) {
        return new Price(Math.subtractExact(raw, other.raw));
    }

    public boolean isPositive() {
        return raw > 0;
    }

    /** True when this price is a whole multiple of {@code tick}. */
    public boolean isMultipleOf(Price tick) {
        return tick.raw > 0 && raw % tick.raw == 0;
    }

    public double toDouble() {
        return FixedPoint.toDouble(raw);
    }

    @Override
    public int compareTo(Price other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
