package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.model.Money;

/**
 * An order that adds exposure must fit in the buying power: equity minus gross exposure minus the
 * exposure open orders have reserved (a cash account, leverage 1). Checked at account scope; orders
 * that only reduce pass.
 */
public final class BuyingPowerRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        if (!check.scope().isAccount() || !check.limits().checkBuyingPower() || check.onlyReduces()) return RiskDecision.ALLOW;
        Money required = check.notionalOf(check.exposureIncrease());
        if (required.compareTo(check.buyingPower()) > 0) {
            return RiskDecision.deny(RiskReason.INSUFFICIENT_BUYING_POWER, "order needs " + required.toCents()
                    + " of buying power, " + check.buyingPower().toCents() + " available (equity " + check.equity().toCents() + ")");
        }
        return RiskDecision.ALLOW;
    }
}
