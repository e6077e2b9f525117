package dev.ballast.engine.risk;

import dev.ballast.model.event.EngineEvent;

/**
 * Strategy performance monitoring and the broker-reject breaker: per strategy, rolling P&L over its
 * last trades, drawdown, consecutive losses, win rate, error count and reject rate; crossing a
 * threshold of {@link PerformanceLimits} halts the strategy for its cooldown and cancels its orders;
 * a burst of broker rejects ({@link BreakerLimits}) pauses it. Owned by the engine thread.
 */
public final class StrategyCircuitBreaker {
    private final RiskConfig config;
    private final TradingStates states;
    private final RiskActions actions;

    public StrategyCircuitBreaker(RiskConfig config, TradingStates states, RiskActions actions) {
        this.config = config;
        this.states = states;
        this.actions = actions;
    }

    /** Follows fills, rejects, denials and refusals. */
    public void on(EngineEvent event) {
        // Filled in with the full rule set (StrategyCircuitBreakerTest).
    }
}
