package dev.ballast.engine.risk;

import dev.ballast.model.Money;
import dev.ballast.model.Quantity;

/**
 * Limits on what a scope holds, counting every open order as filled (worst case); {@code null} is not
 * checked. Orders that only reduce exposure are never denied by these. Immutable.
 *
 * @param maxQuantity          largest absolute position per symbol
 * @param maxNotional          largest absolute position value per symbol
 * @param maxFractionOfEquity  largest position value per symbol as a share of equity (0.2 = 20%)
 * @param maxOpenPositions     most symbols with a non-zero position at once
 * @param maxGrossExposure     largest sum of absolute position values
 * @param maxNetExposure       largest absolute sum of signed position values
 * @param maxConcentration     largest share of gross exposure in one symbol
 * @param maxLeverage          largest gross exposure / equity (2 = 2x)
 */
public record PositionLimits(Quantity maxQuantity, Money maxNotional, Ratio maxFractionOfEquity, Integer maxOpenPositions,
                             Money maxGrossExposure, Money maxNetExposure, Ratio maxConcentration, Ratio maxLeverage) {
    public static final PositionLimits NONE = new PositionLimits(null, null, null, null, null, null, null, null);
}
