package dev.ballast.model;

import java.time.Instant;

/**
 * Engine timestamps are {@code long} nanoseconds since the epoch (UTC); this converts them to and from
 * {@link Instant}, exactly and for negative values too. Stateless.
 */
public final class EpochNanos {
    private static final long PER_SECOND = 1_000_000_000L;

    private EpochNanos() {}

    public static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, PER_SECOND), Math.floorMod(epochNanos, PER_SECOND));
    }

    /** @throws ArithmeticException for instants beyond the year 2262 */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano());
    }
}
