package dev.ballast.engine.risk.rules;

import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.engine.risk.RiskReason;

/**
 * An order that would open a position in a new symbol is denied when the scope already holds its limit
 * of positions.
 *
 * <p>The order opens a new position when the scope is flat in the symbol and has no open order on the
 * order's side in it ({@code position == 0 && openSameSide == 0}); it is then denied when
 * {@code openPositions >= maxOpenPositions} (the new one would make one more than the limit). Orders in
 * a symbol already held, or already being entered by an open order, do not add a position.
 *
 * <p>Known gap: positions not yet filled are not counted. Open positions are the symbols with a non-zero
 * position; an open entry order in another flat symbol is not one yet, so two entry orders in two new
 * symbols can both be approved while one slot is left, and their fills exceed the limit by one. Counting
 * them would need the number of flat symbols with open entry orders, which the scope figures do not carry.
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
