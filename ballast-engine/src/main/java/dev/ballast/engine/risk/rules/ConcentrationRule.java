package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;

/** One symbol's share of the scope's gross exposure, counting this order, must stay within the limit. */
public final class ConcentrationRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        // Not implemented yet: see the risk issue.
        return RiskDecision.ALLOW;
    }
}
