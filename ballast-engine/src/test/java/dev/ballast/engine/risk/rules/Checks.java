package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.OrderLimits;
import dev.ballast.engine.risk.PositionLimits;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.risk.RiskScope;
import dev.ballast.engine.risk.ScopeFigures;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

/** Builds OrderChecks by hand for rule unit tests: figures in plain decimals, AAPL (multiplier 1), strategy s1. */
final class Checks {
    static final Symbol AAPL = Symbol.of("AAPL");
    static final StrategyId S1 = StrategyId.of("s1");
    static final Instrument EQUITY = Instrument.equity(AAPL, "USD");

    private Checks() {
    }

    static long q(String units) {
        return Quantity.of(units).raw();
    }

    static long m(String amount) {
        return Money.of(amount).raw();
    }

    static OrderRequest buy(String quantity, String limit) {
        return OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of(quantity), Price.of(limit));
    }

    static OrderRequest sell(String quantity, String limit) {
        return OrderRequest.limit(AAPL, OrderSide.SELL, Quantity.of(quantity), Price.of(limit));
    }

    static Order order(OrderRequest request) {
        return Order.initialized(ClientOrderId.of("o1"), S1, request, 0, BracketRole.NONE, null);
    }

    /**
     * Figures for a check the way the RiskManager works them out from a position and same-side open
     * quantity (units, signed: positive long); the order's exposure increase is derived.
     */
    static ScopeFigures figures(OrderRequest request, String position, String openSameSide, int openOrders, int openPositions,
                                String gross, String net, String symbolValue, String reserved) {
        long pos = q(position);
        long open = q(openSameSide);
        long signed = request.side().sign() * request.quantity().raw();
        long increase = Math.max(0, Math.abs(pos + open + signed) - Math.abs(pos + open));
        return new ScopeFigures(pos, open, increase, openOrders, openPositions, m(gross), m(net), m(symbolValue), m(reserved));
    }

    /** A flat symbol, nothing open: only the scope-wide figures. */
    static ScopeFigures flat(OrderRequest request, int openPositions, String gross, String net, String reserved) {
        return figures(request, "0", "0", 0, openPositions, gross, net, "0", reserved);
    }

    static OrderCheck check(OrderRequest request, String last, String equity, ScopeFigures figures, RiskLimits limits) {
        return check(request, last, equity, figures, limits, RiskScope.ACCOUNT);
    }

    static OrderCheck check(OrderRequest request, String last, String equity, ScopeFigures figures, RiskLimits limits,
                            RiskScope scope) {
        Price lastPrice = last == null ? null : Price.of(last);
        Price reference = switch (request.type()) {
            case LIMIT, STOP_LIMIT -> request.limitPrice();
            case STOP -> request.stopPrice();
            case MARKET -> lastPrice;
        };
        return new OrderCheck(order(request), EQUITY, reference, lastPrice, 0, Money.of(equity), Money.of(equity), scope,
                figures, limits);
    }

    static RiskLimits orderLimits(OrderLimits order) {
        return RiskLimits.none().withOrder(order);
    }

    static RiskLimits positionLimits(PositionLimits position) {
        return RiskLimits.none().withPosition(position);
    }
}
