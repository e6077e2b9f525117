package dev.ballast.adapter.alpaca;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How often and how long to try one request again: a bounded number of attempts, exponential backoff between them,
 * and for a 429 the wait until Alpaca's {@code X-Ratelimit-Reset} (epoch seconds), never longer than the cap.
 * Immutable.
 */
record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));

    Duration backoff(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** The wait before the next try after a 429 answered at {@code nowMillis} (epoch). */
    Duration rateLimited(OptionalLong resetEpochSeconds, long nowMillis, int attempt) {
        if (resetEpochSeconds.isEmpty()) return backoff(attempt);
        long wait = resetEpochSeconds.getAsLong() * 1000 - nowMillis;
        return Duration.ofMillis(Math.clamp(wait, firstBackoff.toMillis(), maxBackoff.toMillis()));
    }
}
