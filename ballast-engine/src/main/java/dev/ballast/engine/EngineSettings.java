package dev.ballast.engine;

import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;

import java.util.List;

/**
 * What an engine is built from, apart from its clock, broker and strategies: the mode, the account's
 * starting cash, the instruments of the run, the risk configuration and the isolation policy. Immutable.
 */
public record EngineSettings(RunMode mode, Money initialCash, List<Instrument> instruments, RiskConfig risk,
                             IsolationPolicy isolation) {
    /** Settings with account risk limits only. */
    public EngineSettings(RunMode mode, Money initialCash, List<Instrument> instruments, RiskLimits accountLimits,
                          IsolationPolicy isolation) {
        this(mode, initialCash, instruments, RiskConfig.of(accountLimits), isolation);
    }

    public EngineSettings {
        if (risk == null) throw new IllegalArgumentException("risk configuration is required");
        if (initialCash == null || !initialCash.isPositive()) throw new IllegalArgumentException("initial cash must be positive");
        instruments = List.copyOf(instruments);
        if (instruments.isEmpty()) throw new IllegalArgumentException("a run needs at least one instrument");
        String currency = instruments.getFirst().currency();
        for (Instrument instrument : instruments) {
            if (!instrument.currency().equals(currency)) {
                throw new IllegalArgumentException("instrument " + instrument.symbol() + " is in " + instrument.currency()
                        + " but the account is in " + currency + "; one currency per account in this version");
            }
        }
    }
}
