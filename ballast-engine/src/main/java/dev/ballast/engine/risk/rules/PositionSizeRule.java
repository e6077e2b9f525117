package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PositionLimits;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.model.Money;
import dev.ballast.model.Quantity;

/**
 * The scope's absolute net position in a symbol, counting this order and every open order on its
 * side as filled, must stay within the quantity, notional and share-of-equity limits. Orders that only
 * reduce pass.
 *
 * <p>The worst-case position is {@code |position + openSameSide + order|}, valued at the order's reference
 * price. Share of equity: denied when that value exceeds {@code maxFractionOfEquity x equity} (account
 * equity, at either scope); with the limit set and equity at or below zero the order is denied
 * {@code NO_EQUITY} (fail closed).
 */
public final class PositionSizeRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        if (check.onlyReduces()) return RiskDecision.ALLOW;
        PositionLimits limits = check.limits().position();
        long worstCase = check.worstCasePosition();
        Quantity maxQuantity = limits.maxQuantity();
        if (maxQuantity != null && worstCase > maxQuantity.raw()) {
            return RiskDecision.deny(RiskReason.MAX_POSITION_QUANTITY, check.scopeName() + " position would reach "
                    + Quantity.ofRaw(worstCase) + " " + check.order().symbol() + " (now " + Quantity.ofRaw(check.position())
                    + ", open orders " + Quantity.ofRaw(check.openSameSide()) + ", order " + check.order().quantity()
                    + "), limit " + maxQuantity);
        }
        Money maxNotional = limits.maxNotional();
        if (maxNotional != null) {
            Money notional = check.notionalOf(worstCase);
            if (notional.compareTo(maxNotional) > 0) {
                return RiskDecision.deny(RiskReason.MAX_POSITION_NOTIONAL, check.scopeName() + " position value would reach "
                        + notional.toCents() + " (" + Quantity.ofRaw(worstCase) + " @ " + check.referencePrice()
                        + "), limit " + maxNotional.toCents());
            }
        }
        Ratio maxFraction = limits.maxFractionOfEquity();
        if (maxFraction != null) {
            long equity = check.equity().raw();
            if (equity <= 0) {
                return RiskDecision.deny(RiskReason.NO_EQUITY, "equity is " + check.equity().toCents()
                        + ": no room for a " + check.scopeName() + " position of at most " + maxFraction.toPercent()
                        + " of equity");
            }
            long value = Math.abs(check.notionalOf(worstCase).raw());
            long allowed = maxFraction.applyTo(equity);
            if (value > allowed) {
                return RiskDecision.deny(RiskReason.MAX_POSITION_FRACTION_OF_EQUITY, check.scopeName()
                        + " position value would reach " + RuleText.money(value) + " (" + Quantity.ofRaw(worstCase) + " "
                        + check.order().symbol() + " @ " + check.referencePrice() + "), " + RuleText.percent(value, equity)
                        + " of equity " + check.equity().toCents() + "; limit " + maxFraction.toPercent() + " ("
                        + RuleText.money(allowed) + ")");
            }
        }
        return RiskDecision.ALLOW;
    }
}
