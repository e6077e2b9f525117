package dev.ballast.cli.lifecycle;

import dev.ballast.model.StrategyId;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.DocumentOrigin;
import dev.ballast.runtime.plan.RunPlan;

import java.util.Map;

/**
 * The registry's check on a run: every document strategy of a plan whose file lies in a strategy registry
 * folder must pass its record's integrity check ({@link Lifecycle#verifyIfRegistered}), and the document as
 * planned must have the SHA-256 the record holds. So a backtest, paper run or gate of an edited registry
 * document is refused before it starts, by strategy, what and file. The runtime plans runs without knowing
 * the registry; the command line applies this to every plan it runs. Stateless.
 */
public final class RegistryRunCheck {
    private RegistryRunCheck() {}

    /**
     * @return {@code plan}, when every registry document in it checks out
     * @throws ConfigException naming the configuration file, the strategy and the mismatch
     */
    public static RunPlan check(RunPlan plan) {
        for (Map.Entry<StrategyId, DocumentOrigin> document : plan.documents().entrySet()) {
            String where = plan.configFile() + ": strategy " + document.getKey().value() + ": ";
            String recorded;
            try {
                recorded = Lifecycle.verifyIfRegistered(document.getValue().file());
            } catch (LifecycleException e) {
                throw new ConfigException(where + e.getMessage());
            }
            if (recorded != null && !recorded.equals(document.getValue().sha256())) {
                throw new ConfigException(where + "the document as planned (SHA-256 " + document.getValue().sha256()
                        + ") is not the one its registry record holds (" + recorded + "): it changed while the run was planned ("
                        + document.getValue().file() + ")");
            }
        }
        return plan;
    }
}
