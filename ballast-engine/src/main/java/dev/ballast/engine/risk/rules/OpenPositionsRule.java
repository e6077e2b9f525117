package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;

/**
 * An order that would open a position in a new symbol is denied when the scope already holds its limit
 * of positions.
 *
 * <p>The order opens a new position when the scope is flat in the symbol and has no open order on the
 * order's side in it ({@code position == 0 && openSameSide == 0}); it is then denied when
 * {@code openPositions >= maxOpenPositions} (the new one would make one more than the limit). Orders in
 * a symbol already held, or already being entered by an open order, do not add a position.
 *
 * <p>Worst case: {@code openPositions} counts the symbols held and the flat symbols with open orders
 * (each a position once it fills), so two entry orders in two new symbols cannot both take the last slot.
 */
public final class OpenPositionsRule implements PreTradeRule {
    @Override
    public RiskDecision check(OrderCheck check) {
        Integer max = check.limits().position().maxOpenPositions();
        if (max == null || check.onlyReduces()) return RiskDecision.ALLOW;
        if (check.position() != 0 || check.openSameSide() != 0) return RiskDecision.ALLOW;
        int open = check.figures().openPositions();
        if (open >= max) {
            return RiskDecision.deny(RiskReason.MAX_OPEN_POSITIONS, check.scopeName() + " holds " + open
                    + " open positions; a new one in " + check.order().symbol() + " would make " + (open + 1)
                    + ", limit " + max);
        }
        return RiskDecision.ALLOW;
    }
}
