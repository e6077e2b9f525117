package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.OrderTraffic;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;

import java.time.Duration;

/**
 * An order identical (strategy, symbol, side, type, quantity, limit and stop price) to one approved
 * within the scope's duplicate window is denied as a duplicate. The window is half-open: an identical
 * order approved exactly one window earlier is no longer a duplicate (see {@link OrderTraffic}). Applies
 * to every order, reducing ones included: a strategy that sends the same exit twice is as likely a bug.
 */
public final class DuplicateOrderRule implements PreTradeRule {
    private final OrderTraffic traffic;

    public DuplicateOrderRule(OrderTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public RiskDecision check(OrderCheck check) {
        Duration window = check.limits().order().duplicateWindow();
        if (window == null) return RiskDecision.ALLOW;
        long windowNanos = window.toNanos();
        if (!traffic.hasDuplicate(check.order(), windowNanos, check.now())) return RiskDecision.ALLOW;
        long age = check.now() - traffic.lastIdenticalApproval(check.order());
        var request = check.order().request();
        return RiskDecision.deny(RiskReason.DUPLICATE_ORDER, "identical order (" + check.order().strategyId() + " "
                + request.side() + " " + request.quantity() + " " + request.symbol() + " " + request.type()
                + (request.limitPrice() != null ? " limit " + request.limitPrice() : "")
                + (request.stopPrice() != null ? " stop " + request.stopPrice() : "")
                + ") approved " + age / 1_000 + " us ago, within the " + check.scopeName() + " duplicate window of "
                + window.toMillis() + " ms");
    }
}
