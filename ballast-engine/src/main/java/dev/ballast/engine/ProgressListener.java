package dev.ballast.engine;

/** Told how far a run has come, every so many market events, on the engine thread. Must be cheap. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (events, timestamp) -> { };

    void progress(long marketEvents, long timestamp);
}
