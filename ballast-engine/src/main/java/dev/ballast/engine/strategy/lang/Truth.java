package dev.ballast.engine.strategy.lang;

/**
 * The value of a condition of the strategy language on one bar: true, false, or undefined when a value
 * it depends on is missing (an indicator not ready yet, a division by zero, the log of a negative
 * number). Undefined propagates through comparisons and {@code and}/{@code or}/{@code not}, and an
 * undefined entry or exit never fires: when the document cannot know, it does nothing.
 */
public enum Truth {
    TRUE, FALSE, UNDEFINED;

    /** A defined value. */
    public static Truth of(boolean holds) {
        return holds ? TRUE : FALSE;
    }
}
