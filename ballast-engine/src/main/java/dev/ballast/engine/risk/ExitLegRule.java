package dev.ballast.engine.risk;

import dev.ballast.model.Order;
import dev.ballast.model.Quantity;
import dev.ballast.model.RiskReason;

/**
 * A bracket's exit is reduce-only: it may close what its strategy holds, never open, enlarge or flip a position.
 * Judged on the strategy's own position (the exit is its order), before any other rule, so that no state or limit
 * can let such an order through. The venue caps the fill at its position as well; this is the engine's half.
 * Stateless.
 */
final class ExitLegRule {
    private ExitLegRule() {}

    /**
     * @param strategyPosition the order's strategy's signed position in its symbol (raw; positive long)
     * @return {@code null} when the order is no exit or only reduces, else the denial
     */
    static RiskDecision check(Order order, long strategyPosition) {
        if (!order.reduceOnly()) return null;
        long reducible = Math.max(0, -order.side().sign() * strategyPosition);
        if (reducible == 0) {
            return RiskDecision.deny(RiskReason.EXIT_WITHOUT_POSITION, order.bracketRole() + " exit " + order.id() + " "
                    + order.side() + " " + order.quantity() + " " + order.symbol() + ": strategy " + order.strategyId()
                    + " holds " + Quantity.ofRaw(strategyPosition) + ", nothing this exit would reduce; it would open or enlarge a position");
        }
        if (order.quantity().raw() > reducible) {
            return RiskDecision.deny(RiskReason.EXIT_EXCEEDS_POSITION, order.bracketRole() + " exit " + order.id() + " "
                    + order.side() + " " + order.quantity() + " " + order.symbol() + " exceeds the " + Quantity.ofRaw(reducible)
                    + " strategy " + order.strategyId() + " holds; it would flip the position");
        }
        return null;
    }
}
