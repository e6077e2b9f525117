package dev.ballast.runtime.plan;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A replay speed as a user writes it, in a configuration ({@code paper.speed}) or on the command line
 * ({@code --speed}): {@code max} (0: as fast as the engine and the slowest strategy keep up), or a positive factor such
 * as {@code 1}, {@code 10} or {@code 10x}.
 */
public final class ReplaySpeeds {
    private ReplaySpeeds() {}

    /** The speed, or empty when {@code text} is none of those (the caller says where, and that it must be). */
    public static OptionalDouble parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("max")) return OptionalDouble.of(0);
        if (trimmed.endsWith("x")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        try {
            double speed = Double.parseDouble(trimmed);
            if (speed > 0 && Double.isFinite(speed)) return OptionalDouble.of(speed);
        } catch (NumberFormatException e) {
            // not a number: empty
        }
        return OptionalDouble.empty();
    }
}
