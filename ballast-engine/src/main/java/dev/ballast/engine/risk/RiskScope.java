package dev.ballast.engine.risk;

import dev.ballast.model.StrategyId;

/** Whose limits and figures a check or a trading state is about: the account, or one strategy. Immutable. */
public record RiskScope(StrategyId strategyId) {
    public static final RiskScope ACCOUNT = new RiskScope(null);

    public static RiskScope of(StrategyId strategyId) {
        return new RiskScope(strategyId);
    }

    public boolean isAccount() {
        return strategyId == null;
    }

    @Override
    public String toString() {
        return isAccount() ? "account" : "strategy " + strategyId;
    }
}
