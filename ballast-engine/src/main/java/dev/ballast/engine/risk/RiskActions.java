package dev.ballast.engine.risk;

/**
 * What the RiskManager asks of the order path when a scope halts or goes reduce-only: cancel the
 * scope's open orders, close its positions at market. Implemented by the engine's OrderFlow; called on
 * the engine thread.
 */
public interface RiskActions {
    /** Asks to cancel every open order of the scope; returns how many cancels were sent. */
    int cancelOpenOrders(RiskScope scope, String reason);

    /** Sends market orders that close every position of the scope; returns how many were sent. */
    int flatten(RiskScope scope, String reason);
}
