package dev.ballast.engine.strategy.lang;

/**
 * An expression of the strategy language that cannot be parsed or does not type-check: where (the
 * 0-based character offset in the expression), what is wrong, and what would be valid there.
 * The message reads {@code "at 14: expected ')' ..., found end of expression"} with
 * {@code "; valid: ..."} appended when there is a list of valid choices. Immutable.
 */
public final class ExpressionException extends RuntimeException {
    private final int position;
    private final String detail;
    private final String valid;

    /**
     * @param position 0-based offset in the expression source
     * @param detail   what is wrong, without the position
     * @param valid    what would be valid there (a list or a hint); null when the detail says it all
     */
    public ExpressionException(int position, String detail, String valid) {
        super("at " + position + ": " + detail + (valid == null ? "" : "; valid: " + valid));
        this.position = position;
        this.detail = detail;
        this.valid = valid;
    }

    public ExpressionException(int position, String detail) {
        this(position, detail, null);
    }

    /** 0-based offset in the expression source. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String detail() {
        return detail;
    }

    /** What would be valid there, or null. */
    public String valid() {
        return valid;
    }
}
