package dev.ballast.model;

/**
 * Whether the account, or one strategy, may take new risk: ACTIVE trades normally; REDUCE_ONLY lets
 * through only orders that reduce exposure; HALTED lets through no new strategy order (only the
 * engine's own cancels and flattening orders). A halt is latched until an operator resumes it, or,
 * where configured, the next trading day starts or a cooldown ends.
 */
public enum TradingState {
    ACTIVE, REDUCE_ONLY, HALTED;

    /** The more restrictive of two states. */
    public TradingState max(TradingState other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
