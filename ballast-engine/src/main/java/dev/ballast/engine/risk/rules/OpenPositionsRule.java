package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;

/** An order that would open a position in a new symbol is denied when the scope already holds its limit of positions. */
public final class OpenPositionsRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        // Not implemented yet: see the risk issue.
        return RiskDecision.ALLOW;
    }
}
