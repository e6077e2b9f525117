package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * A fill reached the portfolio. {@code strategyId} is the owner of the order, or the account's
 * unattributed bucket when the order is unknown.
 */
public record FillBooked(Fill fill, StrategyId strategyId, long timestamp) implements EngineEvent {
}
