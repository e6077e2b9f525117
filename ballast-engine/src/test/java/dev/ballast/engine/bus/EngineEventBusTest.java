package dev.ballast.engine.bus;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.event.Anomaly;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.EngineEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bus delivers causes before effects: it never re-enters itself. */
class EngineEventBusTest {
    private static AnomalyFlagged event(String name) {
        return new AnomalyFlagged(Anomaly.DUPLICATE_FILL, ClientOrderId.of("o-1"), name, 0);
    }

    private static String name(EngineEvent event) {
        return ((AnomalyFlagged) event).detail();
    }

    @Test
    void deliversAnEventRaisedDuringDeliveryAfterTheCurrentOneReachedEveryListener() {
        EngineEventBus bus = new EngineEventBus();
        List<String> heard = new ArrayList<>();
        bus.subscribe(e -> {
            heard.add("first " + name(e));
            if (name(e).equals("cause")) {
                bus.publish(event("effect 1"));
                bus.publish(event("effect 2"));
            }
            if (name(e).equals("effect 1")) bus.publish(event("effect of effect 1"));
        });
        bus.subscribe(e -> heard.add("last " + name(e)));

        bus.publish(event("cause"));

        assertThat(heard).containsExactly("first cause", "last cause", "first effect 1", "last effect 1",
                "first effect 2", "last effect 2", "first effect of effect 1", "last effect of effect 1");
    }

    @Test
    void aListenerThatThrowsDoesNotLeaveTheBusQueueing() {
        EngineEventBus bus = new EngineEventBus();
        List<String> heard = new ArrayList<>();
        bus.subscribe(e -> {
            heard.add(name(e));
            if (name(e).equals("bad")) {
                bus.publish(event("dropped with its cause"));
                throw new IllegalStateException("listener broke its contract");
            }
        });

        assertThatThrownBy(() -> bus.publish(event("bad"))).isInstanceOf(IllegalStateException.class);
        bus.publish(event("next"));

        assertThat(heard).containsExactly("bad", "next");
    }
}
