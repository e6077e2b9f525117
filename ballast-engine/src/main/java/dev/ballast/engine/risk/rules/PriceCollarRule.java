package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Price;

/**
 * A limit or stop price further than the scope's collar from the last price is denied; no last price
 * denies (fail closed).
 *
 * <p>For each price the order carries (limit, stop, or both for a stop-limit): with {@code last} the
 * symbol's last market price, the order is denied when {@code |price - last| > collar x last}, computed
 * in fixed point ({@code collar.applyTo(last)}, rounded half-even to eight decimals). A price exactly at
 * the collar is allowed. Market orders carry no price and pass. With a collar configured and no last
 * price for the symbol, an order with a price is denied: the distance cannot be judged. Applies to every
 * order, reducing ones included (a protective stop far from the market is denied too).
 */
public final class PriceCollarRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        Ratio collar = check.limits().order().priceCollar();
        if (collar == null) return RiskDecision.ALLOW;
        OrderRequest request = check.order().request();
        Price limitPrice = request.type().needsLimitPrice() ? request.limitPrice() : null;
        Price stopPrice = request.type().needsStopPrice() ? request.stopPrice() : null;
        if (limitPrice == null && stopPrice == null) return RiskDecision.ALLOW;
        Price last = check.lastPrice();
        if (last == null || !last.isPositive()) {
            return RiskDecision.deny(RiskReason.PRICE_COLLAR, "no last price for " + check.order().symbol()
                    + " to judge the " + (limitPrice != null ? "limit price " + limitPrice : "stop price " + stopPrice)
                    + " against the " + check.scopeName() + " price collar " + collar.toPercent());
        }
        long band = collar.applyTo(last.raw());
        RiskDecision decision = judge(check, "limit", limitPrice, last, band, collar);
        if (!decision.allowed()) return decision;
        return judge(check, "stop", stopPrice, last, band, collar);
    }

    private static RiskDecision judge(OrderCheck check, String name, Price price, Price last, long band, Ratio collar) {
        if (price == null) return RiskDecision.ALLOW;
        long distance = Math.abs(price.raw() - last.raw());
        if (distance <= band) return RiskDecision.ALLOW;
        return RiskDecision.deny(RiskReason.PRICE_COLLAR, check.scopeName() + " price collar: " + name + " price " + price
                + " is " + RuleText.percent(distance, last.raw()) + " from the last price " + last + " of "
                + check.order().symbol() + " (distance " + Price.ofRaw(distance) + ", allowed " + Price.ofRaw(band)
                + "), limit " + collar.toPercent());
    }
}
