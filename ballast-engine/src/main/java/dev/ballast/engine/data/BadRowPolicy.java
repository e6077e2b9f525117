package dev.ballast.engine.data;

/**
 * What a file source does with a row it cannot use: stop with a {@link MarketDataException}, or skip
 * it and count it in {@link SkippedRows}. A bad row is never used. Immutable.
 */
public enum BadRowPolicy {
    /** Stop at the first bad row, naming file, line, field and value. */
    FAIL,
    /** Leave the row out, record it under a short reason category, and go on. */
    SKIP
}
