package dev.ballast.model.event;

/** Stop the run: strategies get onStop, and the engine thread finishes after draining what it holds. */
public record StopEngine(String reason, long timestamp) implements OperatorCommand {
}
