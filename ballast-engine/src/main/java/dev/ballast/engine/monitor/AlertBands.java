package dev.ballast.engine.monitor;

/**
 * The band execution quality should stay in; an order that completes outside it raises an
 * {@link dev.ballast.model.event.ExecutionAlert}. A {@code null} edge turns that check off. An order exactly
 * at the edge is inside the band. Immutable.
 *
 * @param maxAbsSlippageBps largest acceptable |slippage| in basis points, or null
 * @param maxTimeToFillMs   largest acceptable time from submission to the last fill, in milliseconds of
 *                          engine time, or null
 */
public record AlertBands(Double maxAbsSlippageBps, Double maxTimeToFillMs) {
    public static final AlertBands OFF = new AlertBands(null, null);

    public AlertBands {
        if (maxAbsSlippageBps != null && !(maxAbsSlippageBps >= 0)) {
            throw new IllegalArgumentException("maxAbsSlippageBps must be >= 0: " + maxAbsSlippageBps);
        }
        if (maxTimeToFillMs != null && !(maxTimeToFillMs >= 0)) {
            throw new IllegalArgumentException("maxTimeToFillMs must be >= 0: " + maxTimeToFillMs);
        }
    }
}
