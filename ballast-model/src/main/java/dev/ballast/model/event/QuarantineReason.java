package dev.ballast.model.event;

/** Why a strategy was quarantined. */
public enum QuarantineReason {
    /** A callback threw an exception. */
    THREW,
    /** A callback ran longer than the time budget. */
    OVERRAN_TIME_BUDGET,
    /** The strategy sent more requests than the flood limits allow. */
    FLOODED_ORDERS,
    /** The strategy fell so far behind that its bounded inbox filled up. */
    INBOX_OVERFLOW,
    /** An operator asked for it. */
    OPERATOR
}
