package dev.ballast.model;

/**
 * An amount of the account currency as an exact fixed-point value with eight decimals: cash, P&L,
 * fees, notional. All ledger arithmetic is on these; overflow throws rather than wraps. Immutable.
 */
public record Money(long raw) implements Comparable<Money> {
    public static final Money ZERO = new Money(0);

    public static Money of(String text) {
        return new Money(FixedPoint.parse(text));
    }

    public static Money ofUnits(long units) {
        return new Money(FixedPoint.ofUnits(units));
    }

    public static Money ofRaw(long raw) {
        return new Money(raw);
    }

    /**
     * The signed value of {@code quantity} at {@code price}: quantity x price x multiplier, computed
     * exactly and rounded half-even once to eight decimals.
     */
    public static Money notional(Quantity quantity, Price price, long multiplier) {
        return new Money(FixedPoint.notional(quantity.raw(), price.raw(), multiplier));
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(raw, other.raw));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(raw, other.raw));
    }

    public Money negate() {
        return new Money(Math.negateExact(raw));
    }

    public Money abs() {
        return raw < 0 ? negate() : this;
    }

    public boolean isNegative() {
        return raw < 0;
    }

    public boolean isPositive() {
        return raw > 0;
    }

    public double toDouble() {
        return FixedPoint.toDouble(raw);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(raw, other.raw);
    }

    /** Two-decimal text, rounded half-even, for reports. */
    public String toCents() {
        return FixedPoint.format(raw, 2);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
