package dev.ballast.engine.risk;

/**
 * The figures of one scope (the account or one strategy) that the rules judge an order on, worked
 * out once per check. Quantities and money are raw fixed-point; signed quantities are positive long.
 *
 * @param position          the scope's net position in the order's symbol
 * @param openSameSide      unfilled quantity of the scope's open orders on the order's side and symbol (signed like the order)
 * @param exposureIncrease  how much the order raises |position + openSameSide| (0: it only reduces)
 * @param openOrders        the scope's open orders, not counting this one
 * @param openPositions     symbols in which the scope holds a non-zero position, plus (when an open-position
 *                          limit applies) flat symbols with open orders: positions once they fill
 * @param grossExposure     sum of |position value| at the marks
 * @param netExposure       sum of signed position values at the marks
 * @param symbolExposure    signed value of the scope's position in the order's symbol at the mark
 * @param reservedExposure  exposure that the scope's open orders would add if they all filled
 */
public record ScopeFigures(long position, long openSameSide, long exposureIncrease, int openOrders, int openPositions,
                           long grossExposure, long netExposure, long symbolExposure, long reservedExposure) {
}
