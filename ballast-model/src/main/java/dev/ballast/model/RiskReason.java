package dev.ballast.model;

/**
 * Why the RiskManager allowed or denied an order: the reason code carried by every risk decision and by every
 * {@link dev.ballast.model.event.OrderDenied}, end to end (journal, results, metrics).
 */
public enum RiskReason {
    ALLOWED,
    TRADING_HALTED,
    REDUCE_ONLY,
    STALE_MARKET_DATA,
    NO_EQUITY,
    MAX_ORDER_QUANTITY,
    PRICE_COLLAR,
    MAX_OPEN_ORDERS,
    DUPLICATE_ORDER,
    ORDER_RATE,
    MAX_POSITION_FRACTION_OF_EQUITY,
    MAX_OPEN_POSITIONS,
    MAX_GROSS_EXPOSURE,
    MAX_NET_EXPOSURE,
    CONCENTRATION,
    LEVERAGE,
    CORRELATED_EXPOSURE,
    STRATEGY_NOT_ACTIVE,
    UNKNOWN_INSTRUMENT,
    QUANTITY_NOT_POSITIVE,
    QUANTITY_NOT_LOT_MULTIPLE,
    PRICE_MISSING,
    PRICE_NOT_POSITIVE,
    PRICE_NOT_TICK_MULTIPLE,
    NO_REFERENCE_PRICE,
    MAX_ORDER_NOTIONAL,
    MAX_POSITION_QUANTITY,
    MAX_POSITION_NOTIONAL,
    INSUFFICIENT_BUYING_POWER,
    BRACKET_EXIT_PRICE_MISSING,
    BRACKET_EXITS_INVERTED,
    MODIFY_RAISES_QUANTITY,
    MODIFY_BELOW_FILLED,
    /** A bracket exit (reduce-only) of a strategy that holds nothing it would reduce: it would open or enlarge a position. */
    EXIT_WITHOUT_POSITION,
    /** A bracket exit (reduce-only) for more than its strategy holds: it would flip the position. */
    EXIT_EXCEEDS_POSITION,
    /** The order's figures (notional, exposure, reservation) do not fit the fixed point: denied, never a crash. */
    FIGURES_OVERFLOW
}
