package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * An operator's command that the engine could not carry out in the state it was in (bringing back a strategy that
 * was quarantined for a fault, or is not quarantined): nothing changed; {@code detail} says why.
 *
 * @param command    the command's type, e.g. {@code UnquarantineStrategy}
 * @param strategyId the strategy it named, or null for the account
 */
public record OperatorCommandRefused(String command, StrategyId strategyId, String operator, String detail,
                                     long timestamp) implements EngineEvent {
    /** The refusal of {@code command}. */
    public static OperatorCommandRefused of(UnquarantineStrategy command, String detail, long timestamp) {
        return new OperatorCommandRefused(command.getClass().getSimpleName(), command.strategyId(), command.operator(),
                detail, timestamp);
    }
}
