package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.OrderTraffic;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;

/**
 * The scope may not have more orders approved per second of engine time than its limit: denied when
 * the approvals of the scope (the account: every order; a strategy: its own) in the half-open second
 * {@code (now - 1 s, now]}, plus this order, exceed {@code maxOrdersPerSecond}. Applies to every order,
 * reducing ones included.
 */
public final class OrderRateRule implements PreTradeRule {
    private static final long SECOND = 1_000_000_000L;
    private final OrderTraffic traffic;

    public OrderRateRule(OrderTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public RiskDecision check(OrderCheck check) {
        Integer max = check.limits().order().maxOrdersPerSecond();
        if (max == null) return RiskDecision.ALLOW;
        int recent = traffic.approvedWithin(check.scope(), SECOND, check.now());
        if (recent + 1L > max) {
            return RiskDecision.deny(RiskReason.ORDER_RATE, check.scopeName() + " had " + recent
                    + " orders approved in the last second; this one would make " + (recent + 1) + ", limit " + max
                    + " per second");
        }
        return RiskDecision.ALLOW;
    }
}
