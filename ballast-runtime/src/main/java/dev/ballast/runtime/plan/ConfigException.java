package dev.ballast.runtime.plan;

/**
 * A run configuration that cannot be used: the message names the file, the key (as a path such as
 * {@code strategies[0].params.fast}) and what is wrong. The CLI prints it and exits with code 2.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
