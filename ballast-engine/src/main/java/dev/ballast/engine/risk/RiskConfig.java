package dev.ballast.engine.risk;

import dev.ballast.model.StrategyId;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Everything the RiskManager is configured with: the account's limits, each strategy's (which may only
 * tighten the account's), the engine circuit breakers, and the zone whose midnight starts a trading
 * day (for daily loss). Refuses, at construction, strategy limits that loosen the account's. Immutable.
 */
public record RiskConfig(RiskLimits account, Map<StrategyId, RiskLimits> strategies, BreakerLimits breakers,
                         ZoneId tradingDayZone) {

    public RiskConfig {
        if (account == null) throw new IllegalArgumentException("account limits are required");
        strategies = strategies == null ? Map.of() : Map.copyOf(strategies);
        if (breakers == null) breakers = BreakerLimits.NONE;
        if (tradingDayZone == null) tradingDayZone = ZoneOffset.UTC;
        for (Map.Entry<StrategyId, RiskLimits> entry : strategies.entrySet()) {
            List<String> loosened = LimitTightening.loosenings(account, entry.getValue());
            if (!loosened.isEmpty()) {
                throw new IllegalArgumentException("strategy " + entry.getKey() + " limits loosen the account's: "
                        + String.join("; ", loosened));
            }
        }
    }

    /** Account limits only, no breakers, UTC days. */
    public static RiskConfig of(RiskLimits account) {
        return new RiskConfig(account, Map.of(), BreakerLimits.NONE, ZoneOffset.UTC);
    }

    public static RiskConfig defaults() {
        return of(RiskLimits.defaults());
    }

    /** The limits of {@code strategy}'s own scope, or {@code null} when it has none of its own. */
    public RiskLimits strategy(StrategyId strategy) {
        return strategies.get(strategy);
    }

    /** The circuit-breaker limits that apply to {@code strategy}: its own, else the account's default. */
    public PerformanceLimits performance(StrategyId strategy) {
        RiskLimits own = strategies.get(strategy);
        return own != null && own.performance() != PerformanceLimits.NONE ? own.performance() : account.performance();
    }
}
