package dev.ballast.engine.broker.paper;

/**
 * Why the paper venue canceled a bracket exit on its own: the code leads the {@code OrderCanceled} reason, so an
 * audit can tell these from canceled-on-request.
 */
enum ExitCancel {
    /** Another order of its one-cancels-other group filled what the group covers. */
    OCO_GROUP_FILLED,
    /** A reduce-only order with no position left (on its side) to reduce: filling it would open or flip one. */
    REDUCE_ONLY_NO_POSITION
}
