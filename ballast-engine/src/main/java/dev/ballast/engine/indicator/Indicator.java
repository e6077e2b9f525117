package dev.ballast.engine.indicator;

/**
 * An incremental technical indicator over one series: fed one value per bar with {@link #update},
 * O(1) and allocation-free per update. Indicator values are analytics in {@code double}; they decide
 * signals, never booked amounts. Not thread-safe: owned by one strategy.
 */
public interface Indicator {

    /** Adds the next value of the series (a close price, usually). */
    void update(double value);

    /** Whether enough values have been seen for {@link #value()} to mean something. */
    boolean isReady();

    /** The current value; {@code NaN} until ready. */
    double value();

    /** Values seen so far. */
    long count();
}
