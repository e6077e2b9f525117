package dev.ballast.model;

/** The identifier of a strategy instance within a run; prefixes its client order ids. Immutable. */
public record StrategyId(String value) implements Comparable<StrategyId> {
    public StrategyId {
        if (value == null || !value.matches("[A-Za-z0-9_.]{1,40}")) {
            throw new IllegalArgumentException(
                    "strategy id '" + value + "' must be 1 to 40 letters, digits, '_' or '.'");
        }
    }

    public static StrategyId of(String value) {
        return new StrategyId(value);
    }

    @Override
    public int compareTo(StrategyId other) {
        return value.compareTo(other.value);
    }

    // Written out rather than left to the record's generated methods: those go through an
    // ObjectMethods method-handle chain that showed up as ~17% of backtest CPU samples (every HashMap
    // lookup keyed by an id). Same semantics: equal when the values are equal; the hash is the value's
    // hash, exactly what the generated method returned for a single component, so map orders are unchanged.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof StrategyId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
