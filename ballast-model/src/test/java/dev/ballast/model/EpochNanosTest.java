package dev.ballast.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Engine timestamps round-trip exactly through Instant, before the epoch too. */
class EpochNanosTest {
    @Test
    void convertsBothWaysExactly() {
        Instant instant = Instant.parse("2024-01-02T14:30:00.000000123Z");
        long nanos = EpochNanos.of(instant);
        assertThat(nanos).isEqualTo(1_704_205_800_000_000_123L);
        assertThat(EpochNanos.toInstant(nanos)).isEqualTo(instant);
    }

    @Test
    void handlesTimesBeforeTheEpoch() {
        // -1 ns is 1969-12-31T23:59:59.999999999Z: floor division, not truncation toward zero.
        assertThat(EpochNanos.toInstant(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999999Z"));
        assertThat(EpochNanos.of(Instant.parse("1969-12-31T23:59:59.999999999Z"))).isEqualTo(-1);
    }
}
