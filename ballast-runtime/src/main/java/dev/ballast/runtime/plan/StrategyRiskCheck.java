package dev.ballast.runtime.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks a strategy document's {@code risk} section, one strategy's limits in the run
 * configuration's shape ({@code order}, {@code position}, {@code loss}, {@code performance}), with the
 * same planning as {@code risk.strategies.ID} of a run configuration: positive limits, percentages
 * in range, consistent pairs. Whether the limits tighten the account's can only be checked when the
 * document runs under an account, so it is not checked here. Stateless.
 */
public final class StrategyRiskCheck {
    private static final String ID = "document";
    private static final String PREFIX = "strategy: risk.strategies." + ID;

    private StrategyRiskCheck() {}

    /**
     * @param risk the section as read, already converted from the document's map
     * @return the first problem as "risk.path: message", or an empty list
     */
    public static List<String> check(RunConfig.StrategyRisk risk) {
        if (risk == null) return List.of();
        try {
            RiskPlanner.plan(new Values(Path.of("strategy")), new RunConfig.Risk(null, null, Map.of(ID, risk), null), List.of(ID));
            return List.of();
        } catch (ConfigException e) {
            String message = e.getMessage();
            return List.of(message.startsWith(PREFIX) ? "risk" + message.substring(PREFIX.length())
                    : message.startsWith("strategy: ") ? message.substring("strategy: ".length()) : message);
        }
    }
}
