package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PositionLimits;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.engine.risk.RiskReason;
import dev.ballast.model.Money;
import dev.ballast.model.Quantity;

/**
 * The scope's absolute net position in a symbol, counting this order and every open order on its
 * side as filled, must stay within the quantity, notional and share-of-equity limits. Orders that only
 * reduce pass.
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
        // Share of equity: filled in with the full rule set (PositionSizeRuleTest).
        return RiskDecision.ALLOW;
    }
}
