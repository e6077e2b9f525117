package dev.ballast.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.model.StrategyId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-second request limit counts requests within one second of engine time, not over the whole run. */
class StrategyHostFloodTest {
    private static final long START = Instant.parse("2024-01-02T14:30:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;

    private static StrategyHost host(SimulatedClock clock, int perSecond) {
        IsolationPolicy policy = new IsolationPolicy(Duration.ofMillis(50), Integer.MAX_VALUE, perSecond, 16);
        return new StrategyHost(StrategyId.of("s"), null, Set.of(), null, request -> { }, clock, policy, null);
    }

    @Test
    void windowResetsEverySecondOfEngineTime() {
        SimulatedClock clock = new SimulatedClock(START);
        StrategyHost host = host(clock, 10);
        // One request a minute for far longer than the limit: never a flood.
        for (int i = 0; i < 1_000; i++) {
            clock.advanceTo(START + i * MINUTE);
            assertThat(host.admitRequest()).as("request %d", i).isTrue();
        }
    }

    @Test
    void moreThanTheLimitWithinOneSecondIsAFlood() {
        SimulatedClock clock = new SimulatedClock(START);
        StrategyHost host = host(clock, 10);
        for (int i = 0; i < 10; i++) {
            clock.advanceTo(START + i * 1_000_000L);
            assertThat(host.admitRequest()).isTrue();
        }
        assertThat(host.admitRequest()).isFalse();
    }
}
