package dev.ballast.engine.data;

/**
 * The short reason categories under which skipped rows are counted in {@link SkippedRows}, so callers
 * can look counts up without repeating string literals. Constants only; thread-safe.
 */
public final class BadRowReason {
    public static final String COLUMN_COUNT = "wrong column count";
    public static final String UNPARSEABLE_NUMBER = "unparseable number";
    public static final String NOT_A_NUMBER = "NaN or infinity";
    public static final String UNPARSEABLE_TIMESTAMP = "unparseable timestamp";
    public static final String BAD_SYMBOL = "bad symbol";
    public static final String NON_POSITIVE_PRICE = "non-positive price";
    /** A number too large for the fixed point, or a price above {@link CsvRows#MAX_PRICE_UNITS}. */
    public static final String OUT_OF_RANGE = "number out of range";
    public static final String NON_POSITIVE_SIZE = "non-positive size";
    public static final String NEGATIVE_VOLUME = "negative volume";
    public static final String HIGH_BELOW_LOW = "high < low";
    public static final String OPEN_OUTSIDE_RANGE = "open outside [low, high]";
    public static final String CLOSE_OUTSIDE_RANGE = "close outside [low, high]";
    public static final String TIMESTAMP_BACKWARDS = "timestamp backwards";
    public static final String DUPLICATE_TIMESTAMP = "duplicate timestamp";

    private BadRowReason() {}
}
