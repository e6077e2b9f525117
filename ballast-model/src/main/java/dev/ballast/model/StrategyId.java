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

    @Override
    public String toString() {
        return value;
    }
}
