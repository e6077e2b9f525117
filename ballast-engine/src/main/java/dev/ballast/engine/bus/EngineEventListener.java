package dev.ballast.engine.bus;

import dev.ballast.model.event.EngineEvent;

/** Receives what the engine did, on the engine thread, in order. Must not block or throw. */
@FunctionalInterface
public interface EngineEventListener {
    void on(EngineEvent event);
}
