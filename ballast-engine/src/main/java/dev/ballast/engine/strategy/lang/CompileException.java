package dev.ballast.engine.strategy.lang;

/**
 * An expression that parsed but cannot be compiled: an unknown function, series or indicator, a
 * numeric expression where a condition is needed (or the reverse), a bad argument. Carries the
 * offset in the expression source of the offending node, like the parser's errors.
 */
public final class CompileException extends IllegalArgumentException {
    private final int position;

    public CompileException(String message, int position) {
        super(message + " (at " + position + ")");
        this.position = position;
    }

    /** Offset (0-based) in the expression source of the node at fault. */
    public int position() {
        return position;
    }
}
