package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.OrderLimits;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.model.Money;
import dev.ballast.model.Quantity;

/** One order's quantity and notional (quantity x reference price x multiplier) must not exceed the scope's limits. */
public final class OrderSizeRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        OrderLimits limits = check.limits().order();
        Quantity maxQuantity = limits.maxQuantity();
        if (maxQuantity != null && check.order().quantity().compareTo(maxQuantity) > 0) {
            return RiskDecision.deny(RiskReason.MAX_ORDER_QUANTITY, "order quantity " + check.order().quantity()
                    + " exceeds the " + check.scopeName() + " limit " + maxQuantity);
        }
        Money limit = limits.maxNotional();
        if (limit == null) return RiskDecision.ALLOW;
        Money notional = check.notionalOf(check.order().quantity().raw());
        if (notional.compareTo(limit) > 0) {
            return RiskDecision.deny(RiskReason.MAX_ORDER_NOTIONAL, "order notional " + notional.toCents()
                    + " (" + check.order().quantity() + " @ " + check.referencePrice() + ") exceeds the "
                    + check.scopeName() + " limit " + limit.toCents());
        }
        return RiskDecision.ALLOW;
    }
}
