package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.model.Instrument;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Price;

/**
 * An order must make sense before anything else is asked of it: a positive quantity in whole lots,
 * and for limit and stop orders a positive price on the tick grid. Applies to every order, reducing
 * ones included.
 */
public final class OrderSanityRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        OrderRequest request = check.order().request();
        Instrument instrument = check.instrument();
        if (request.quantity() == null || !request.quantity().isPositive()) {
            return RiskDecision.deny(RiskReason.QUANTITY_NOT_POSITIVE, "quantity " + request.quantity() + " must be positive");
        }
        if (!request.quantity().isMultipleOf(instrument.lotSize())) {
            return RiskDecision.deny(RiskReason.QUANTITY_NOT_LOT_MULTIPLE,
                    "quantity " + request.quantity() + " is not a multiple of lot size " + instrument.lotSize());
        }
        if (request.type().needsLimitPrice()) {
            RiskDecision decision = checkPrice("limit", request.limitPrice(), instrument);
            if (!decision.allowed()) return decision;
        }
        if (request.type().needsStopPrice()) {
            RiskDecision decision = checkPrice("stop", request.stopPrice(), instrument);
            if (!decision.allowed()) return decision;
        }
        return RiskDecision.ALLOW;
    }

    private static RiskDecision checkPrice(String name, Price price, Instrument instrument) {
        if (price == null) {
            return RiskDecision.deny(RiskReason.PRICE_MISSING, "a " + name + " price is required for this order type");
        }
        if (!price.isPositive()) {
            return RiskDecision.deny(RiskReason.PRICE_NOT_POSITIVE, name + " price " + price + " must be positive");
        }
        if (!price.isMultipleOf(instrument.tickSize())) {
            return RiskDecision.deny(RiskReason.PRICE_NOT_TICK_MULTIPLE,
                    name + " price " + price + " is not a multiple of tick size " + instrument.tickSize());
        }
        return RiskDecision.ALLOW;
    }
}
