package dev.ballast.engine.broker;

import java.util.Objects;

/**
 * A credential (an API secret, a password) that must never be printed, logged, journaled or put in an error
 * message: {@link #toString} says only that it is hidden, and the value is read where it is sent to the venue,
 * through {@link #reveal}. Immutable.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("a secret cannot be empty");
        return new Secret(value);
    }

    /** The value, for the one place that sends it to the venue. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "(hidden)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
