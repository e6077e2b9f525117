package dev.ballast.engine.risk;

import dev.ballast.model.Money;

import java.time.Duration;

/**
 * The strategy circuit breaker: over the last {@code window} closed trades, a strategy whose rolling
 * P&L, drawdown, consecutive losses, win rate, error count or reject rate crosses its threshold is
 * disabled (halted, orders canceled) for {@code cooldown}. {@code null} thresholds are not checked;
 * rates are judged only once {@code minTrades} trades (or orders, for rejects) are in. Immutable.
 */
public record PerformanceLimits(int window, int minTrades, Money minRollingPnl, Money maxRollingDrawdown,
                                Integer maxConsecutiveLosses, Ratio minWinRate, Integer maxErrors, Ratio maxRejectRate,
                                Duration cooldown) {
    public static final PerformanceLimits NONE =
            new PerformanceLimits(50, 10, null, null, null, null, null, null, Duration.ofHours(1));
}
