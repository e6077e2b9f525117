package dev.ballast.model.event;

/**
 * A broker adapter lost or regained its connection. While it is down the engine cannot know what its
 * orders are doing, so the account halts (fail closed) until an operator resumes it.
 */
public record BrokerConnectionChanged(boolean connected, String detail, long timestamp) implements SystemEvent {
}
