package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.risk.ScopeFigures;
import dev.ballast.model.Money;

/**
 * Gross and net exposure of the scope, counting open orders and this one as filled (worst case), must
 * stay within the limits. Orders that only reduce pass (the RiskManager does not run this rule for them).
 *
 * <p><b>Gross after</b> = {@code grossExposure + reservedExposure + notional(exposureIncrease)}: the sum of
 * |position values| at the marks, plus what the scope's open orders would add if they all filled (their
 * reservations, at their own reference prices), plus what this order adds to |position + open orders| in
 * its symbol, at its reference price. Denied when gross after {@code > maxGrossExposure}.
 *
 * <p><b>Net after</b> = {@code |netExposure + side x notional(quantity)| + reservedExposure}: the signed
 * sum of position values at the marks, moved by the full value of this order in its direction, and then
 * every reserved amount counted against us. Reservations are not split by side here, so each one is
 * taken as moving net away from zero: this bounds the worst case whichever way the open orders point
 * (a reservation "on the order's side", {@code |net + side x (notional + reserved)|}, would undercount
 * when the order moves net toward zero while the open orders move it away). Denied when net after
 * {@code > maxNetExposure}. The order is valued at its reference price, positions at the marks.
 */
public final class ExposureRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        Money maxGross = check.limits().position().maxGrossExposure();
        Money maxNet = check.limits().position().maxNetExposure();
        if ((maxGross == null && maxNet == null) || check.onlyReduces()) return RiskDecision.ALLOW;
        ScopeFigures figures = check.figures();
        if (maxGross != null) {
            long added = Math.abs(check.notionalOf(check.exposureIncrease()).raw());
            long gross = Math.addExact(Math.addExact(figures.grossExposure(), figures.reservedExposure()), added);
            if (gross > maxGross.raw()) {
                return RiskDecision.deny(RiskReason.MAX_GROSS_EXPOSURE, check.scopeName() + " gross exposure would reach "
                        + RuleText.money(gross) + " (positions " + RuleText.money(figures.grossExposure()) + " + open orders "
                        + RuleText.money(figures.reservedExposure()) + " + order " + RuleText.money(added) + "), limit "
                        + maxGross.toCents());
            }
        }
        if (maxNet != null) {
            long orderValue = check.order().side().sign() * Math.abs(check.notionalOf(check.order().quantity().raw()).raw());
            long moved = Math.addExact(figures.netExposure(), orderValue);
            long net = Math.addExact(Math.abs(moved), figures.reservedExposure());
            if (net > maxNet.raw()) {
                return RiskDecision.deny(RiskReason.MAX_NET_EXPOSURE, check.scopeName() + " net exposure would reach "
                        + RuleText.money(net) + " (positions " + RuleText.money(figures.netExposure()) + " + order "
                        + RuleText.money(orderValue) + ", open orders +-" + RuleText.money(figures.reservedExposure())
                        + "), limit " + maxNet.toCents());
            }
        }
        return RiskDecision.ALLOW;
    }
}
