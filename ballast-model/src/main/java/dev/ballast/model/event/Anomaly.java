package dev.ballast.model.event;

/** The kinds of {@link AnomalyFlagged}. */
public enum Anomaly {
    FILL_FOR_UNKNOWN_ORDER,
    FILL_FOR_CLOSED_ORDER,
    OVERFILL,
    DUPLICATE_FILL,
    ILLEGAL_TRANSITION,
    DUPLICATE_ORDER_ID,
    REPORT_FOR_UNKNOWN_ORDER,
    /** A corrected or busted trade the engine cannot re-book (see FillCorrected, FillBusted). */
    TRADE_CORRECTION_NOT_BOOKED,
    /** A correction or bust whose id was already booked: the repeated report is ignored. */
    DUPLICATE_TRADE_CORRECTION
}
