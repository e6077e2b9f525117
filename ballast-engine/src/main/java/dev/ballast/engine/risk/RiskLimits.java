package dev.ballast.engine.risk;

import dev.ballast.model.Money;
import dev.ballast.model.Quantity;

/**
 * The limits of one scope (the account, or one strategy). A strategy's limits may only tighten the
 * account's ({@link LimitTightening}); {@code null} groups and values are not checked at that scope.
 * Immutable.
 *
 * @param correlation       {@code null} when not configured; a strategy's own uses the account's window
 * @param performance       the strategy circuit breaker; at account scope, the default for every strategy
 * @param checkBuyingPower  whether orders that add exposure must fit in the account's buying power
 */
public record RiskLimits(OrderLimits order, PositionLimits position, CorrelationLimits correlation, LossLimits loss,
                         PerformanceLimits performance, boolean checkBuyingPower) {

    public RiskLimits {
        if (order == null) order = OrderLimits.NONE;
        if (position == null) position = PositionLimits.NONE;
        if (loss == null) loss = LossLimits.NONE;
        if (performance == null) performance = PerformanceLimits.NONE;
    }

    /** Buying power checked, nothing else limited. */
    public static RiskLimits defaults() {
        return new RiskLimits(null, null, null, null, null, true);
    }

    /** Nothing limited, not even buying power. */
    public static RiskLimits none() {
        return new RiskLimits(null, null, null, null, null, false);
    }

    /** The core engine's four limits: order notional, position quantity and notional, buying power. */
    public static RiskLimits basic(Money maxOrderNotional, Quantity maxPositionQuantity, Money maxPositionNotional,
                                   boolean checkBuyingPower) {
        return new RiskLimits(new OrderLimits(null, maxOrderNotional, null, null, null, null),
                new PositionLimits(maxPositionQuantity, maxPositionNotional, null, null, null, null, null, null),
                null, null, null, checkBuyingPower);
    }

    public RiskLimits withOrder(OrderLimits value) {
        return new RiskLimits(value, position, correlation, loss, performance, checkBuyingPower);
    }

    public RiskLimits withPosition(PositionLimits value) {
        return new RiskLimits(order, value, correlation, loss, performance, checkBuyingPower);
    }

    public RiskLimits withCorrelation(CorrelationLimits value) {
        return new RiskLimits(order, position, value, loss, performance, checkBuyingPower);
    }

    public RiskLimits withLoss(LossLimits value) {
        return new RiskLimits(order, position, correlation, value, performance, checkBuyingPower);
    }

    public RiskLimits withPerformance(PerformanceLimits value) {
        return new RiskLimits(order, position, correlation, loss, value, checkBuyingPower);
    }
}
