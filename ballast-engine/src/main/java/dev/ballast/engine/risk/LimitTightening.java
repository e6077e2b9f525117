package dev.ballast.engine.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a strategy's limits only tighten the account's: every maximum at most the account's,
 * every minimum at least the account's. Stateless.
 */
public final class LimitTightening {
    private LimitTightening() {}

    /**
     * The limits of {@code strategy} that loosen {@code account}'s, each as
     * "group.key value loosens the account's value"; empty when there are none.
     */
    public static List<String> loosenings(RiskLimits account, RiskLimits strategy) {
        List<String> problems = new ArrayList<>();
        // Filled in with the full rule set; see LimitTighteningTest.
        return problems;
    }
}
