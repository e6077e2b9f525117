package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;

/** Gross exposure with every open order and this one filled, divided by equity, must stay within the limit; no positive equity denies (fail closed). */
public final class LeverageRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        // Not implemented yet: see the risk issue.
        return RiskDecision.ALLOW;
    }
}
