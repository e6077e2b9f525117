package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * A venue's bust of a trade reached the books ({@link FillBusted}): the booking of {@code original} (as last booked,
 * after any correction) was reversed; the trade never happened. {@code strategyId} owns the trade.
 */
public record FillBustBooked(Fill original, String bustId, StrategyId strategyId, long timestamp) implements EngineEvent {
}
