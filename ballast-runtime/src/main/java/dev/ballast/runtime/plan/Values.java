package dev.ballast.runtime.plan;

import java.nio.file.Path;
import java.util.Locale;
import dev.ballast.model.FixedPoint;

import java.math.BigDecimal;

/**
 * Checks and converts single configuration values, naming the file and key in every error.
 * Stateless.
 */
final class Values {
    private final String file;
    private final Path folder;

    Values(Path file) {
        this.file = file.toString();
        this.folder = file.toAbsolutePath().getParent();
    }

    /** A path from the configuration, relative to the configuration file's folder. */
    Path resolve(String path) {
        return folder.resolve(path).normalize();
    }

    /** The file and key, for a message that names where a value came from. */
    String where(String key) {
        return file + ": " + key;
    }

    ConfigException error(String key, String message) {
        return new ConfigException(file + ": " + key + ": " + message);
    }

    <T> T required(String key, T value) {
        if (value == null) throw error(key, "is required");
        return value;
    }

    /** A fixed-point raw value, positive unless {@code allowZero}. */
    long decimal(String key, BigDecimal value, boolean allowZero) {
        if (value.signum() < 0 || (!allowZero && value.signum() == 0)) {
            throw error(key, "must be " + (allowZero ? "zero or positive" : "positive") + ", was " + value.toPlainString());
        }
        try {
            return FixedPoint.parse(value.toPlainString());
        } catch (NumberFormatException e) {
            throw error(key, e.getMessage());
        }
    }

    long positiveLong(String key, Long value) {
        if (value <= 0) throw error(key, "must be positive, was " + value);
        return value;
    }

    long nonNegativeLong(String key, Long value) {
        if (value < 0) throw error(key, "must be zero or positive, was " + value);
        return value;
    }

    int positiveInt(String key, Integer value) {
        if (value <= 0) throw error(key, "must be positive, was " + value);
        return value;
    }

    <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) return constant;
        }
        StringBuilder valid = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (!valid.isEmpty()) valid.append(", ");
            valid.append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw error(key, "'" + value + "' is not one of: " + valid);
    }
}
