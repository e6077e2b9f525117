package dev.ballast.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.ballast.model.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks all 11 x 11 pairs of {@link OrderStatus} against the documented lifecycle table, written out here independently. */
class OrderStatusTest {

    private record Edge(OrderStatus from, OrderStatus to) {}

    /** The table of OrderStatus's Javadoc, transcribed by hand. */
    private static final Set<Edge> ALLOWED = Set.of(
            new Edge(INITIALIZED, DENIED), new Edge(INITIALIZED, SUBMITTED),

            new Edge(SUBMITTED, ACCEPTED), new Edge(SUBMITTED, REJECTED), new Edge(SUBMITTED, PARTIALLY_FILLED),
            new Edge(SUBMITTED, FILLED), new Edge(SUBMITTED, PENDING_CANCEL), new Edge(SUBMITTED, CANCELED),
            new Edge(SUBMITTED, EXPIRED),

            new Edge(ACCEPTED, PARTIALLY_FILLED), new Edge(ACCEPTED, FILLED), new Edge(ACCEPTED, PENDING_CANCEL),
            new Edge(ACCEPTED, PENDING_REPLACE), new Edge(ACCEPTED, CANCELED), new Edge(ACCEPTED, EXPIRED),

            new Edge(PARTIALLY_FILLED, PARTIALLY_FILLED), new Edge(PARTIALLY_FILLED, FILLED),
            new Edge(PARTIALLY_FILLED, PENDING_CANCEL), new Edge(PARTIALLY_FILLED, PENDING_REPLACE),
            new Edge(PARTIALLY_FILLED, CANCELED), new Edge(PARTIALLY_FILLED, EXPIRED),

            new Edge(PENDING_CANCEL, CANCELED), new Edge(PENDING_CANCEL, ACCEPTED),
            new Edge(PENDING_CANCEL, PARTIALLY_FILLED), new Edge(PENDING_CANCEL, FILLED),
            new Edge(PENDING_CANCEL, EXPIRED),

            new Edge(PENDING_REPLACE, ACCEPTED), new Edge(PENDING_REPLACE, PARTIALLY_FILLED),
            new Edge(PENDING_REPLACE, FILLED), new Edge(PENDING_REPLACE, PENDING_CANCEL),
            new Edge(PENDING_REPLACE, CANCELED), new Edge(PENDING_REPLACE, EXPIRED));

    private static final Set<OrderStatus> TERMINAL = EnumSet.of(DENIED, REJECTED, FILLED, CANCELED, EXPIRED);

    @Test
    void everyPairOfStatusesFollowsTheDocumentedTable() {
        List<String> wrong = new ArrayList<>();
        int pairs = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                pairs++;
                boolean expected = ALLOWED.contains(new Edge(from, to));
                if (from.canTransitionTo(to) != expected) wrong.add(from + " -> " + to + " expected " + expected);
            }
        }
        assertThat(pairs).isEqualTo(121);
        assertThat(wrong).isEmpty();
    }

    @Test
    void terminalStatesHaveNoExits() {
        for (OrderStatus terminal : TERMINAL) {
            assertThat(terminal.isTerminal()).as(terminal.name()).isTrue();
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(terminal.canTransitionTo(to)).as(terminal + " -> " + to).isFalse();
            }
        }
    }

    @Test
    void onlyTheFiveEndStatesAreTerminal() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(status.isTerminal()).as(status.name()).isEqualTo(TERMINAL.contains(status));
        }
    }

    @Test
    void openStatusesAreThoseWorkingOrOnTheirWayToTheVenue() {
        Set<OrderStatus> open = EnumSet.of(SUBMITTED, ACCEPTED, PARTIALLY_FILLED, PENDING_CANCEL, PENDING_REPLACE);
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(status.isOpen()).as(status.name()).isEqualTo(open.contains(status));
        }
    }
}
