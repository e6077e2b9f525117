package dev.ballast.engine.strategy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The callback-time histogram: percentiles within its stated precision, exact counts and maximum. */
class CallbackTimesTest {
    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);

    @Test
    void percentilesAreWithinOneSixteenthAboveTheTrueValueAndNeverAboveTheMaximum() {
        CallbackTimes times = new CallbackTimes();
        // 1..1000 µs, once each: p50 = 500 µs, p90 = 900 µs, p99 = 990 µs, max = 1000 µs.
        for (long micros = 1; micros <= 1_000; micros++) times.record(micros * US);

        CallbackTimeSummary summary = times.summary();

        assertThat(summary.callbacks()).isEqualTo(1_000);
        assertThat(summary.maxNanos()).isEqualTo(1_000 * US);
        assertThat(summary.p50Nanos()).isBetween(500 * US, 500 * US + 500 * US / 16);
        assertThat(summary.p90Nanos()).isBetween(900 * US, 900 * US + 900 * US / 16);
        assertThat(summary.p99Nanos()).isBetween(990 * US, 1_000 * US);
    }

    @Test
    void oneSlowCallbackAmongManyFastOnesShowsOnlyInTheMaximum() {
        CallbackTimes times = new CallbackTimes();
        for (int i = 0; i < 999; i++) times.record(3 * US);
        times.record(75_000 * US);

        CallbackTimeSummary summary = times.summary();

        assertThat(summary.p99Nanos()).isBetween(3 * US, 3 * US + 3 * US / 16);
        assertThat(summary.maxNanos()).isEqualTo(75_000 * US);
    }

    @Test
    void untimedCallbacksAreCountedButLeaveThePercentilesToTheTimedOnes() {
        CallbackTimes times = new CallbackTimes();
        for (int i = 0; i < 15; i++) times.skip();
        times.record(7 * US);

        CallbackTimeSummary summary = times.summary();

        assertThat(summary.callbacks()).isEqualTo(16);
        assertThat(summary.timed()).isEqualTo(1);
        assertThat(summary.sampled()).isTrue();
        assertThat(summary.p50Nanos()).isEqualTo(7 * US);
        assertThat(summary.maxNanos()).isEqualTo(7 * US);
    }

    @Test
    void noCallbacksGiveZeros() {
        assertThat(new CallbackTimes().summary()).isEqualTo(new CallbackTimeSummary(0, 0, 0, 0, 0, 0));
    }

    @Test
    void everyBucketBoundHoldsItsValuesFromZeroToTheLargestLong() {
        for (long value : new long[] {0, 1, 15, 16, 17, 31, 32, 33, 1_000_003, 1L << 40, (1L << 40) - 1, Long.MAX_VALUE}) {
            int bucket = CallbackTimes.bucket(value);
            assertThat(CallbackTimes.upperBound(bucket)).as("upper bound of %d", value).isGreaterThanOrEqualTo(value);
            if (bucket > 0) {
                assertThat(CallbackTimes.upperBound(bucket - 1)).as("bucket below %d", value).isLessThan(value);
            }
        }
    }

    @Test
    void negativeDurationFromAClockThatWentBackCountsAsZero() {
        CallbackTimes times = new CallbackTimes();
        times.record(-5);

        assertThat(times.summary()).isEqualTo(new CallbackTimeSummary(1, 1, 0, 0, 0, 0));
    }
}
