package dev.ballast.adapter.alpaca;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    @Test
    void aRequestOverTheBudgetWaitsUntilTheWindowMovesOn() throws Exception {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), now::get);
        limiter.acquire();
        limiter.acquire();

        AtomicBoolean third = new AtomicBoolean();
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                limiter.acquire();
                third.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.join(Duration.ofMillis(200));
        assertThat(third).as("third request within the same minute").isFalse();

        now.set(Duration.ofMinutes(1).toNanos());
        waiting.join(Duration.ofSeconds(10));
        assertThat(third).isTrue();
    }
}
