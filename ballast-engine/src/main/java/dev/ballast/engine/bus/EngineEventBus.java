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
    private final ArrayDeque<EngineEvent> queued = new ArrayDeque<>();
    private boolean delivering;

    public void subscribe(EngineEventListener listener) {
        listeners.add(listener);
    }

    public void publish(EngineEvent event) {
        if (delivering) {
            queued.addLast(event);
            return;
        }
        delivering = true;
        try {
            EngineEvent next = event;
            do {
                for (int i = 0; i < listeners.size(); i++) listeners.get(i).on(next);
            } while ((next = queued.pollFirst()) != null);
        } finally {
            // A listener broke its contract and threw: what its event caused is dropped with it, not delivered
            // out of order by the next publish.
            queued.clear();
            delivering = false;
        }
    }
}
