package dev.ballast.adapter.alpaca;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));

    @Test
    void backoffDoublesUpToItsCap() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(30)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aRateLimitWaitsUntilAlpacasResetTimeBoundedByTheCap() {
        long now = 1_700_000_000_000L;
        assertThat(policy.rateLimited(OptionalLong.of(1_700_000_003L), now, 1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.rateLimited(OptionalLong.of(1_700_009_999L), now, 1)).isEqualTo(Duration.ofSeconds(10));
        // A reset already past still waits a little, and no header means the ordinary backoff.
        assertThat(policy.rateLimited(OptionalLong.of(1_600_000_000L), now, 1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.rateLimited(OptionalLong.empty(), now, 2)).isEqualTo(Duration.ofMillis(400));
    }
}
