package dev.ballast.engine.risk;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.function.Predicate;

/**
 * What the RiskManager reads of the order book: open orders and what they still leave to fill. The OrderManager
 * implements it; the risk package needs nothing else of the order package, so the order path (which asks the
 * RiskManager) can depend on risk without a cycle.
 *
 * <p>Engine thread only.
 */
public interface OpenOrders {
    /** The order with this client id, or null. */
    Order order(ClientOrderId id);

    /** How many orders of the account are open. */
    int openOrderCount();

    /** How many orders of {@code strategyId} are open. */
    int openOrderCount(StrategyId strategyId);

    /** The quantity the account's open orders on {@code symbol} and {@code side} still leave to fill (raw). */
    long openLeaves(Symbol symbol, OrderSide side);

    /** The same for one strategy's open orders. */
    long openLeaves(StrategyId strategyId, Symbol symbol, OrderSide side);

    /** Symbols where {@code strategyId} (the account when null) is flat but has open orders. */
    int flatSymbolsWithOpenOrders(StrategyId strategyId, Predicate<Symbol> isFlat);
}
