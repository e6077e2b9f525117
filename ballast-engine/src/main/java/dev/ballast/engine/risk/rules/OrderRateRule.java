package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.OrderTraffic;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;

/** The scope may not have more orders approved per second of engine time than its limit. */
public final class OrderRateRule implements PreTradeRule {
    private final OrderTraffic traffic;

    public OrderRateRule(OrderTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public RiskDecision check(OrderCheck check) {
        // Not implemented yet: see the risk issue.
        return RiskDecision.ALLOW;
    }
}
