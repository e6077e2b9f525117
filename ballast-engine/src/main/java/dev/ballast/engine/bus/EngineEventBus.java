package dev.ballast.engine.bus;

import dev.ballast.model.event.EngineEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Fans the engine's {@link EngineEvent}s out to its listeners in registration order, causes before effects: an
 * event published while another is being delivered (a listener reacting to it: a fill arms a bracket's exits, an
 * alert follows a fill) is queued, and delivered once the current event has reached every listener. So every
 * listener, the journal above all, hears events in the order they were caused, and a listener never hears of an
 * effect before the others have heard of its cause. Queued events go out in the order they were published.
 *
 * <p>What a publisher does not get: a listener's reaction to its event is not done when {@code publish} returns if
 * the publisher is itself inside a delivery. Components keep their own state current themselves and never rely on
 * a listener having run.
 *
 * <p>Owned by the engine thread: publish and subscribe only there. Not thread-safe.
 */
public final class EngineEventBus {
    private final List<EngineEventListener> listeners = new ArrayList<>();
    /** Events and {@link #afterPublished} actions waiting for the current delivery to end, in order. */
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private boolean delivering;

    public void subscribe(EngineEventListener listener) {
        listeners.add(listener);
    }

    public void publish(EngineEvent event) {
        if (delivering) {
            queued.addLast(event);
            return;
        }
        deliver(event);
    }

    /**
     * Runs {@code action} once every event published before it has reached every listener: at once when none is
     * being delivered, else after what is queued ahead of it. For what must follow its own event's record, as a
     * write-ahead journal requires: an order reaches the broker only after its SUBMITTED has been journaled.
     */
    public void afterPublished(Runnable action) {
        if (delivering) {
            queued.addLast(action);
            return;
        }
        deliver(action);
    }

    private void deliver(Object first) {
        delivering = true;
        try {
            Object next = first;
            do {
                if (next instanceof Runnable action) {
                    action.run();
                } else {
                    EngineEvent event = (EngineEvent) next;
                    for (int i = 0; i < listeners.size(); i++) listeners.get(i).on(event);
                }
            } while ((next = queued.pollFirst()) != null);
        } finally {
            // A listener broke its contract and threw: what its event caused is dropped with it, not delivered
            // out of order by the next publish.
            queued.clear();
            delivering = false;
        }
    }
}
