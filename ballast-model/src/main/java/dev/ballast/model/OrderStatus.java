package dev.ballast.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of an order's lifecycle and, in {@link #canTransitionTo}, the one table of legal
 * transitions. The OrderManager refuses (and reports) any transition not in this table.
 *
 * <pre>
 * INITIALIZED -> DENIED | SUBMITTED
 * SUBMITTED -> ACCEPTED | REJECTED | PARTIALLY_FILLED | FILLED | PENDING_CANCEL | CANCELED | EXPIRED
 * ACCEPTED -> PARTIALLY_FILLED | FILLED | PENDING_CANCEL | PENDING_REPLACE | CANCELED | EXPIRED
 * PARTIALLY_FILLED -> PARTIALLY_FILLED | FILLED | PENDING_CANCEL | PENDING_REPLACE | CANCELED | EXPIRED
 * PENDING_CANCEL -> CANCELED | ACCEPTED | PARTIALLY_FILLED | FILLED | EXPIRED   (cancel rejected: back; fills race cancels)
 * PENDING_REPLACE -> ACCEPTED | PARTIALLY_FILLED | FILLED | PENDING_CANCEL | CANCELED | EXPIRED
 * DENIED, REJECTED, FILLED, CANCELED, EXPIRED: terminal
 * </pre>
 * A venue may fill before it acknowledges, so SUBMITTED may go straight to a fill state.
 */
public enum OrderStatus {
    INITIALIZED, DENIED, SUBMITTED, ACCEPTED, REJECTED, PARTIALLY_FILLED, FILLED,
    PENDING_CANCEL, CANCELED, PENDING_REPLACE, EXPIRED;

    private Set<OrderStatus> next;

    static {
        INITIALIZED.next = EnumSet.of(DENIED, SUBMITTED);
        SUBMITTED.next = EnumSet.of(ACCEPTED, REJECTED, PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, EXPIRED);
        ACCEPTED.next = EnumSet.of(PARTIALLY_FILLED, FILLED, PENDING_CANCEL, PENDING_REPLACE, CANCELED, EXPIRED);
        PARTIALLY_FILLED.next = EnumSet.of(PARTIALLY_FILLED, FILLED, PENDING_CANCEL, PENDING_REPLACE, CANCELED, EXPIRED);
        PENDING_CANCEL.next = EnumSet.of(CANCELED, ACCEPTED, PARTIALLY_FILLED, FILLED, EXPIRED);
        PENDING_REPLACE.next = EnumSet.of(ACCEPTED, PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, EXPIRED);
        for (OrderStatus terminal : EnumSet.of(DENIED, REJECTED, FILLED, CANCELED, EXPIRED)) {
            terminal.next = EnumSet.noneOf(OrderStatus.class);
        }
    }

    /** Whether the lifecycle allows going from this state to {@code target}. */
    public boolean canTransitionTo(OrderStatus target) {
        return next.contains(target);
    }

    /** A terminal order never changes again. */
    public boolean isTerminal() {
        return next.isEmpty();
    }

    /** Working at the venue (or on its way there): can still fill, and counts as open. */
    public boolean isOpen() {
        return this == SUBMITTED || this == ACCEPTED || this == PARTIALLY_FILLED
                || this == PENDING_CANCEL || this == PENDING_REPLACE;
    }
}
