package dev.ballast.engine.risk;

import dev.ballast.model.Money;
import dev.ballast.model.Quantity;

/**
 * The account's pre-trade limits. A {@code null} limit is not checked. Immutable.
 *
 * @param maxOrderNotional     largest notional of one order
 * @param maxPositionQuantity  largest absolute net position per symbol, counting open orders as filled
 * @param maxPositionNotional  largest absolute net position value per symbol, same counting
 * @param checkBuyingPower     whether orders that add exposure must fit in the buying power
 *                             (equity - gross exposure - exposure reserved by open orders)
 */
public record RiskLimits(Money maxOrderNotional, Quantity maxPositionQuantity, Money maxPositionNotional,
                         boolean checkBuyingPower) {

    public RiskLimits {
        if (maxOrderNotional != null && !maxOrderNotional.isPositive()) {
            throw new IllegalArgumentException("maxOrderNotional must be positive, was " + maxOrderNotional);
        }
        if (maxPositionQuantity != null && !maxPositionQuantity.isPositive()) {
            throw new IllegalArgumentException("maxPositionQuantity must be positive, was " + maxPositionQuantity);
        }
        if (maxPositionNotional != null && !maxPositionNotional.isPositive()) {
            throw new IllegalArgumentException("maxPositionNotional must be positive, was " + maxPositionNotional);
        }
    }

    /** Buying power checked, nothing else limited. */
    public static RiskLimits defaults() {
        return new RiskLimits(null, null, null, true);
    }
}
