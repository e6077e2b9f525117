package dev.ballast.model;

/**
 * Why the account's or a strategy's {@link TradingState} changed: carried by every
 * {@link dev.ballast.model.event.TradingStateChanged} and kept beside the state while it lasts.
 */
public enum TradingStateReason {
    /** An operator halted, resumed or flattened the scope. */
    OPERATOR,
    /** The day's loss reached its limit. */
    DAILY_LOSS_LIMIT,
    /** The drawdown from the high-water mark reached the halt limit. */
    DRAWDOWN_HALT,
    /** The drawdown from the high-water mark reached the reduce-only limit. */
    DRAWDOWN_REDUCE_ONLY,
    /** A new trading day started: the day's loss limit resets. */
    NEW_TRADING_DAY,
    /** Too many broker rejects within the breaker's window. */
    BROKER_REJECT_BURST,
    /** A strategy's performance breaker tripped (losing streak, win rate, ...). */
    PERFORMANCE_BREAKER,
    /** A timed pause ended. */
    COOLDOWN_ENDED,
    /** The broker connection was lost: what the broker holds is unknown. */
    BROKER_DISCONNECTED,
    /** The journal failed: Ballast never trades unaudited. */
    JOURNAL_FAILURE,
    /** After a restart the broker did not match the engine, or could not be asked. */
    RECONCILIATION_FAILED,
    /**
     * The venue corrected or busted a trade the books do not hold (or hold for another order): the books and the
     * venue disagree, so the account stops taking risk until an operator has looked.
     */
    UNBOOKABLE_TRADE_CORRECTION
}
