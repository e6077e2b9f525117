package dev.ballast.model;

/** The identifier of an instrument ("AAPL", "ESZ6", "BTC-USD"). Immutable. */
public record Symbol(String value) implements Comparable<Symbol> {
    public Symbol {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("symbol must not be blank");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == '"') {
                throw new IllegalArgumentException("symbol '" + value + "' contains '" + c + "'");
            }
        }
    }

    public static Symbol of(String value) {
        return new Symbol(value);
    }

    @Override
    public int compareTo(Symbol other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
