package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;

/** Gross and net exposure of the scope, counting open orders and this one as filled, must stay within the limits. */
public final class ExposureRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        // Not implemented yet: see the risk issue.
        return RiskDecision.ALLOW;
    }
}
