package dev.ballast.engine.risk.rules;

import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.CorrelationTracker;
import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;

/** The correlated exposure of the order's symbol (positions whose return correlation with it reaches the threshold, itself included) must stay within the cap, a share of equity. */
public final class CorrelationRule implements PreTradeRule {
    private final CorrelationTracker tracker;
    private final PortfolioManager portfolio;

    public CorrelationRule(CorrelationTracker tracker, PortfolioManager portfolio) {
        this.tracker = tracker;
        this.portfolio = portfolio;
    }

    @Override
    public RiskDecision check(OrderCheck check) {
        // Not implemented yet: see the risk issue.
        return RiskDecision.ALLOW;
    }
}
