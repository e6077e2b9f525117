package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.risk.ScopeFigures;

/**
 * Gross exposure with every open order and this one filled, divided by equity, must stay within the
 * limit; no positive equity denies (fail closed).
 *
 * <p>Gross after is the {@link ExposureRule}'s: {@code grossExposure + reservedExposure +
 * notional(exposureIncrease)}; equity is the account's (at strategy scope too: a strategy's leverage is
 * its exposure over the account's equity). Denied when {@code gross after > maxLeverage x equity},
 * compared in fixed point, so a leverage exactly at the limit is allowed. With the limit set and equity
 * at or below zero the order is denied {@code NO_EQUITY}. Orders that only reduce pass.
 */
public final class LeverageRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        Ratio max = check.limits().position().maxLeverage();
        if (max == null || check.onlyReduces()) return RiskDecision.ALLOW;
        long equity = check.equity().raw();
        if (equity <= 0) {
            return RiskDecision.deny(RiskReason.NO_EQUITY, "equity is " + check.equity().toCents() + ": "
                    + check.scopeName() + " leverage cannot be judged against the limit " + max);
        }
        ScopeFigures figures = check.figures();
        long added = Math.abs(check.notionalOf(check.exposureIncrease()).raw());
        long gross = Math.addExact(Math.addExact(figures.grossExposure(), figures.reservedExposure()), added);
        if (gross > max.applyTo(equity)) {
            return RiskDecision.deny(RiskReason.LEVERAGE, check.scopeName() + " leverage would reach "
                    + RuleText.ratio(gross, equity) + " (gross " + RuleText.money(gross) + " / equity "
                    + check.equity().toCents() + "; positions " + RuleText.money(figures.grossExposure()) + ", open orders "
                    + RuleText.money(figures.reservedExposure()) + ", order " + RuleText.money(added) + "), limit " + max);
        }
        return RiskDecision.ALLOW;
    }
}
