package dev.ballast.engine.risk;

import dev.ballast.model.Order;
import dev.ballast.model.RiskReason;
import dev.ballast.model.OrderRequest;

/**
 * The denial of an order whose figures do not fit the fixed point ({@link dev.ballast.model.FixedPoint}
 * throws {@link ArithmeticException} on overflow): a quantity of a billion at a large price, say. Names the
 * order and its terms so the strategy's author sees what was too large. Stateless.
 */
final class FiguresOverflow {
    private FiguresOverflow() {}

    static RiskDecision deny(Order order, ArithmeticException cause) {
        OrderRequest request = order.request();
        StringBuilder detail = new StringBuilder("order ").append(order.id()).append(": ")
                .append(request.side()).append(' ').append(request.quantity()).append(' ').append(request.symbol());
        if (request.limitPrice() != null) detail.append(" limit ").append(request.limitPrice());
        if (request.stopPrice() != null) detail.append(" stop ").append(request.stopPrice());
        detail.append(": its figures overflow the fixed point (").append(cause.getMessage()).append(")");
        return RiskDecision.deny(RiskReason.FIGURES_OVERFLOW, detail.toString());
    }
}
