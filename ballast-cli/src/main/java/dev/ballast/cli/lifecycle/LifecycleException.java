package dev.ballast.cli.lifecycle;

/** A lifecycle request that cannot be done: an illegal transition, an unknown strategy, a bad state file. */
public final class LifecycleException extends RuntimeException {
    public LifecycleException(String message) {
        super(message);
    }

    public LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
