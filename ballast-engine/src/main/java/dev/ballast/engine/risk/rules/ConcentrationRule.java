package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.risk.ScopeFigures;

/**
 * One symbol's share of the scope's gross exposure, counting this order, must stay within the limit.
 *
 * <p>After the order, worst case:
 * <ul>
 *   <li>symbol value = {@code |symbolExposure + side x notional(|openSameSide| + quantity)|}: the position
 *   at the mark, moved by this order and the scope's open orders on its side in the symbol, both valued
 *   at this order's reference price. (Approximation: open orders are valued at this order's price, not
 *   their own. Unlike {@code symbolExposure + side x notional(exposureIncrease)} it is right when the
 *   order flips the position: short 100, buy 300 leaves long 200, not flat.)</li>
 *   <li>gross = {@code grossExposure + reservedExposure + notional(exposureIncrease)}, as in
 *   {@link ExposureRule}.</li>
 * </ul>
 * Denied when {@code symbol value > maxConcentration x gross}; skipped when gross after is 0.
 *
 * <p><b>A book of one symbol is not judged.</b> When nothing else would be held after the order
 * (gross after equals the symbol's value), the symbol is all of the gross exposure under any cap, and
 * denying it would make a cap below 1 block a scope's first order, and so all trading from flat.
 * Concentration is about the mix of several holdings; a lone position is bounded by the position,
 * gross exposure and leverage limits instead.
 */
public final class ConcentrationRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        Ratio max = check.limits().position().maxConcentration();
        if (max == null || check.onlyReduces()) return RiskDecision.ALLOW;
        ScopeFigures figures = check.figures();
        long added = Math.abs(check.notionalOf(check.exposureIncrease()).raw());
        long gross = Math.addExact(Math.addExact(figures.grossExposure(), figures.reservedExposure()), added);
        if (gross == 0) return RiskDecision.ALLOW;
        long moving = Math.addExact(Math.abs(figures.openSameSide()), check.order().quantity().raw());
        long movingValue = check.order().side().sign() * Math.abs(check.notionalOf(moving).raw());
        long symbolValue = Math.abs(Math.addExact(figures.symbolExposure(), movingValue));
        if (symbolValue >= gross) return RiskDecision.ALLOW;
        if (symbolValue > max.applyTo(gross)) {
            return RiskDecision.deny(RiskReason.CONCENTRATION, check.scopeName() + " concentration in "
                    + check.order().symbol() + " would reach " + RuleText.percent(symbolValue, gross) + " (symbol "
                    + RuleText.money(symbolValue) + " / gross " + RuleText.money(gross) + "), limit " + max.toPercent());
        }
        return RiskDecision.ALLOW;
    }
}
