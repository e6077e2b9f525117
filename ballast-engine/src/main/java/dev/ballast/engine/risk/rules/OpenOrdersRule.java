package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;

/**
 * The scope may not have more than its limit of open orders at once, counting this one: denied when
 * {@code openOrders + 1 > maxOpenOrders}. Applies to every order, reducing ones included.
 */
public final class OpenOrdersRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        Integer max = check.limits().order().maxOpenOrders();
        if (max == null) return RiskDecision.ALLOW;
        int open = check.figures().openOrders();
        if (open + 1L > max) {
            return RiskDecision.deny(RiskReason.MAX_OPEN_ORDERS, check.scopeName() + " would have " + (open + 1)
                    + " open orders counting this one (" + open + " open), limit " + max);
        }
        return RiskDecision.ALLOW;
    }
}
