package dev.ballast.engine.monitor.analytics;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

/**
 * A closed trade (round trip): {@code quantity} of {@code symbol} opened by one or more fills and closed
 * by one fill, matched first in, first out within a strategy's position. One closing fill gives one
 * closed trade; when it closes several opening lots, the entry is their quantity-weighted average and the
 * entry time is the earliest lot's. Times are epoch nanoseconds. Immutable.
 *
 * @param grossPnl P&L before fees: direction x (exit notional - entry notional), exact
 * @param fees     the commissions of its fills, pro rata to the quantity of each fill this trade used
 * @param pnl      grossPnl - fees
 */
public record ClosedTrade(StrategyId strategyId, Symbol symbol, Direction direction, Quantity quantity, long entryTime,
                          Price averageEntryPrice, long exitTime, Price averageExitPrice, Money grossPnl, Money fees,
                          Money pnl) {
    /** Long (opened by a buy) or short (opened by a sell). */
    public enum Direction {
        LONG, SHORT
    }
}
