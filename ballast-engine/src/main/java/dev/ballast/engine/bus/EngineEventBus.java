package dev.ballast.engine.bus;

import dev.ballast.model.event.EngineEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Fans the engine's {@link EngineEvent}s out to its listeners in registration order. Owned by the
 * engine thread: publish and subscribe only there.
 */
public final class EngineEventBus {
    private final List<EngineEventListener> listeners = new ArrayList<>();

    public void subscribe(EngineEventListener listener) {
        listeners.add(listener);
    }

    public void publish(EngineEvent event) {
        for (int i = 0; i < listeners.size(); i++) listeners.get(i).on(event);
    }
}
