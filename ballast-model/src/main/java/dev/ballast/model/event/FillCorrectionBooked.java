package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/**
 * A venue's correction of a trade reached the books ({@link FillCorrected}): the booking of {@code original} was
 * reversed and {@code corrected} (the same trade id, order, symbol, side and time; the venue's new quantity, price
 * and commission) booked in its place. {@code strategyId} owns the trade, as in the {@link FillBooked} of it.
 */
public record FillCorrectionBooked(Fill original, Fill corrected, String correctionId, StrategyId strategyId,
                                   long timestamp) implements EngineEvent {
}
