package dev.ballast.engine.risk;

import dev.ballast.model.RiskReason;
/**
 * The outcome of a pre-trade check: allowed or denied, with the reason code and the figures that
 * decided it (limit, value, order). Immutable.
 */
public record RiskDecision(boolean allowed, RiskReason reason, String detail) {
    public static final RiskDecision ALLOW = new RiskDecision(true, RiskReason.ALLOWED, "all checks passed");

    public static RiskDecision deny(RiskReason reason, String detail) {
        return new RiskDecision(false, reason, detail);
    }
}
