package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.engine.risk.RiskReason;
import dev.ballast.model.Money;

/** The notional of one order (quantity x reference price x multiplier) must not exceed the limit. */
public final class MaxOrderNotionalRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        Money limit = check.limits().maxOrderNotional();
        if (limit == null) return RiskDecision.ALLOW;
        Money notional = check.notionalOf(check.order().quantity().raw());
        if (notional.compareTo(limit) > 0) {
            return RiskDecision.deny(RiskReason.MAX_ORDER_NOTIONAL, "order notional " + notional.toCents()
                    + " (" + check.order().quantity() + " @ " + check.referencePrice() + ") exceeds limit " + limit.toCents());
        }
        return RiskDecision.ALLOW;
    }
}
