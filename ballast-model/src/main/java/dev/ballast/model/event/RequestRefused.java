package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.StrategyId;

/**
 * The engine refused a strategy's cancel or modify request (not its own order, the order is no
 * longer working, a modify that would raise the quantity): the order itself is unchanged.
 *
 * @param kind why, as a category: {@link Kind#NO_LONGER_WORKING} is the ordinary race of a cancel with
 *             a fill or an expiry, which the strategy could not have known about
 */
public record RequestRefused(StrategyId strategyId, ClientOrderId orderId, String request, Kind kind, String reason,
                             long timestamp) implements EngineEvent {

    /** The categories of refusal. */
    public enum Kind {
        /** No such order, or another strategy's. */
        NOT_OWNED,
        /** The order had already filled, been canceled or expired. */
        NO_LONGER_WORKING,
        /** The request itself is not acceptable (a modify raising the quantity, bad prices). */
        INVALID
    }
}
