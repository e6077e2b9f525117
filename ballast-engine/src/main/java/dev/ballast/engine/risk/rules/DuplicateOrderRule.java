package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.OrderTraffic;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;

/** An order identical (strategy, symbol, side, quantity, prices) to one approved within the window is denied as a duplicate. */
public final class DuplicateOrderRule implements PreTradeRule {
    private final OrderTraffic traffic;

    public DuplicateOrderRule(OrderTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public RiskDecision check(OrderCheck check) {
        // Not implemented yet: see the risk issue.
        return RiskDecision.ALLOW;
    }
}
