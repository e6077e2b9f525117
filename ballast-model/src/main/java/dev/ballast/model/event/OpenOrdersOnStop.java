package dev.ballast.model.event;

/** What a stopped run does with the account's open orders (the run configuration's {@code paper.onStop}). */
public enum OpenOrdersOnStop {
    /** Every open order is asked to cancel after the strategies stopped. */
    CANCEL,
    /** Open orders stay working at the venue. */
    LEAVE
}
