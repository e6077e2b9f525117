package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * The RiskManager asks the order path to act on the account ({@code strategyId} null) or on one strategy, right
 * after the trading-state change or operator command that called for it: cancel the scope's open orders, or close
 * its positions at market. Published, so the audit trail shows why the engine's own cancels and orders were sent,
 * and so the order path acts after every listener has heard of the cause.
 */
public record RiskActionRequested(StrategyId strategyId, Action action, String reason, long timestamp) implements EngineEvent {
    /** What the order path is asked to do. */
    public enum Action {
        /** Ask to cancel every open order of the scope. */
        CANCEL_OPEN_ORDERS,
        /** Send market orders that close every position of the scope. */
        FLATTEN
    }

    public boolean isAccount() {
        return strategyId == null;
    }
}
