package dev.ballast.engine.risk;

/**
 * The correlation limit: returns are correlated over a rolling {@code window} of bars; the correlated
 * exposure of a symbol is the sum of the absolute values of the positions whose |correlation| with it
 * is at least {@code threshold} (itself included); an order that would take it above
 * {@code maxCorrelatedExposure} x equity is denied. Immutable.
 */
public record CorrelationLimits(int window, double threshold, Ratio maxCorrelatedExposure) {
    public CorrelationLimits {
        if (window < 3) throw new IllegalArgumentException("correlation window must be at least 3 bars, was " + window);
        if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("correlation threshold must be in [0, 1], was " + threshold);
        if (maxCorrelatedExposure == null) throw new IllegalArgumentException("maxCorrelatedExposure is required");
    }
}
