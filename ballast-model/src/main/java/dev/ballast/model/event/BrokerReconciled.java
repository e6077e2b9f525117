package dev.ballast.model.event;

import java.util.List;

/**
 * The outcome of comparing the engine's open orders and positions with the broker's after a restart. When
 * {@code matched} is false the account stays HALTED: either {@code mismatches} says what differs, or the
 * broker could not be asked, in which case its state is unknown (never taken for flat).
 *
 * @param matched    whether the broker's open orders and positions equal the engine's
 * @param mismatches one line per difference (or why the broker's state is unknown); empty when matched
 * @param openOrders the engine's open orders compared
 * @param positions  the engine's non-flat positions compared
 */
public record BrokerReconciled(boolean matched, List<String> mismatches, int openOrders, int positions, long timestamp)
        implements EngineEvent {
    public BrokerReconciled {
        mismatches = List.copyOf(mismatches);
    }
}
