package dev.ballast.runtime;

import dev.ballast.model.event.EngineEvent;

/**
 * Hears a run's engine events through {@link RunHandle#subscribe}, on a thread of its own (never the engine
 * thread), in the order they happened. Its buffer is bounded: a listener that falls behind loses events, and is told
 * how many at the place in the stream where they were lost.
 */
public interface RunListener {
    /** The next event. */
    void onEvent(EngineEvent event);

    /** {@code count} events were lost here because the buffer was full: the next event is not the one after the last. */
    default void onLost(long count) {
    }

    /** No more events: the run ended (everything buffered was delivered first) or the subscription was closed. */
    default void onClosed() {
    }
}
