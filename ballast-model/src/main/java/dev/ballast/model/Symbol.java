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
            // Control and format characters (ESC, bidi overrides) would reach terminals, reports and journals.
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new IllegalArgumentException(String.format("symbol contains the control character U+%04X", (int) c));
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

    // Written out rather than left to the record's generated methods: those go through an
    // ObjectMethods method-handle chain that showed up as ~17% of backtest CPU samples (every HashMap
    // lookup keyed by an id). Same semantics: equal when the values are equal; the hash is the value's
    // hash, exactly what the generated method returned for a single component, so map orders are unchanged.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Symbol that && value.equals(that.value);
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
