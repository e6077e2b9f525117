package dev.ballast.engine.strategy.lang;

/**
 * One problem in a strategy document: the path of the offending field ({@code entry.longWhen},
 * {@code indicators.fast.period}, {@code universe[3]}) and what is wrong with what would be valid.
 * For an expression the message starts with the position in it: {@code "at 14: ..."}. Immutable.
 */
public record ValidationError(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
