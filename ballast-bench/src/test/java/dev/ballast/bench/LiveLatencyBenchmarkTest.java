package dev.ballast.bench;

import dev.ballast.engine.journal.store.FsyncPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live-path latency harness on tiny counts: it runs end to end and counts every timed event once. No timing. */
class LiveLatencyBenchmarkTest {
    @Test
    void everyTimedTickOfTheFixPathIsCountedOnceInEachHistogram() {
        LivePathRun.Result r = LivePathRun.measure(new LivePathRun.Settings(VenueWire.Kind.FIX,
                FsyncPolicy.defaultInterval(), 1, 100, 1_000, LivePathRun.Idle.SPIN, false, true));

        assertThat(r.probe().tickToOrder.getTotalCount()).isEqualTo(1_000);
        assertThat(r.probe().tickToOrderWithoutWait.getTotalCount()).isEqualTo(1_000);
        assertThat(r.probe().writeAheadWait.getTotalCount()).isEqualTo(1_000);
        assertThat(r.probe().fillToBooked.getTotalCount()).isEqualTo(1_000);
        assertThat(r.probe().tickToStrategy.getTotalCount()).isEqualTo(1_000);
        assertThat(r.probe().strategyToGate.getTotalCount()).isEqualTo(1_000);
        assertThat(r.probe().encode.getTotalCount()).isEqualTo(1_000);
        assertThat(r.orders()).isEqualTo(1_100);
        assertThat(r.fillsBooked()).isEqualTo(1_100);
        assertThat(r.journalVerified()).startsWith("ok");
        // A NewOrderSingle's wire text, not an empty string: 8=FIX.4.4, 35=D and the order's fields.
        assertThat(r.encodedChars() / r.orders()).isGreaterThan(60);
    }

    @Test
    void theAlpacaPathBuildsEveryOrderBodyAndBooksEveryTradeUpdateFill() {
        LivePathRun.Result r = LivePathRun.measure(new LivePathRun.Settings(VenueWire.Kind.ALPACA,
                FsyncPolicy.defaultInterval(), 1, 10, 500, LivePathRun.Idle.RUNNER, false, true));

        assertThat(r.probe().tickToOrder.getTotalCount()).isEqualTo(500);
        assertThat(r.probe().fillToBooked.getTotalCount()).isEqualTo(500);
        assertThat(r.fillsBooked()).isEqualTo(510);
        assertThat(r.journalVerified()).startsWith("ok");
    }

    @Test
    void aBurstRunCountsOneFsyncFigurePerBurstAndTheAdaptersOwnWritePerOrder() {
        LivePathRun.Result r = LivePathRun.measure(new LivePathRun.Settings(VenueWire.Kind.FIX, FsyncPolicy.everyBatch(),
                10, 2, 20, LivePathRun.Idle.SPIN, true, true));

        assertThat(r.probe().writeAheadWait.getTotalCount()).isEqualTo(200);
        assertThat(r.probe().burstWriteAhead.getTotalCount()).isEqualTo(20);
        assertThat(r.probe().fsyncsPerBurst.getTotalCount()).isEqualTo(20);
        assertThat(r.probe().fsyncsPerBurst.getMinValue()).isGreaterThanOrEqualTo(1);
        assertThat(r.probe().adapterFileWrite.getTotalCount()).isEqualTo(200);
        assertThat(r.fillsBooked()).isEqualTo(220);
    }

    @Test
    void theSmokePlanRunsEachVenueOnceAndEveryBurstUnderBothFsyncPolicies() {
        List<LivePathRun.Settings> plan = LiveLatencyBenchmark.plan(new String[] {"--smoke"});

        assertThat(plan).hasSize(2 + 2 * 2);
        assertThat(plan.getFirst().ticks()).isEqualTo(1_000);
        assertThat(plan).allSatisfy(s -> assertThat(s.verifyJournal()).isTrue());
    }

    @Test
    void everyRunOfTheSmokePlanIsReportedWithItsHistogramCountsChecked() {
        for (LivePathRun.Settings settings : LiveLatencyBenchmark.plan(new String[] {"--smoke"})) {
            LiveLatencyBenchmark.report(LivePathRun.measure(settings));
        }
    }

    @Test
    void aReportWhoseHistogramsDoNotHoldTheTimedEventsFails() {
        LivePathRun.Result r = LivePathRun.measure(new LivePathRun.Settings(VenueWire.Kind.FIX,
                FsyncPolicy.defaultInterval(), 1, 10, 100, LivePathRun.Idle.SPIN, false, false));
        LivePathRun.Settings claimsMore = new LivePathRun.Settings(VenueWire.Kind.FIX, FsyncPolicy.defaultInterval(), 1, 10,
                101, LivePathRun.Idle.SPIN, false, false);
        LivePathRun.Result miscounted = new LivePathRun.Result(claimsMore, r.probe(), r.orders(), r.fillsBooked(),
                r.journalRecords(), r.journalAppends(), r.journalVerified(), r.encodedChars(), r.gcCount(), r.gcMillis(),
                r.retainedHeapBytes());

        assertThatThrownBy(() -> LiveLatencyBenchmark.report(miscounted))
                .hasMessage("live_fix_interval_burst1_tick_to_order holds 100 values, expected 101");
    }

    @Test
    void aBadOptionIsRefusedWithItsName() {
        assertThatThrownBy(() -> LiveLatencyBenchmark.plan(new String[] {"--events", "many"}))
                .hasMessage("--events must be a whole number, was many");
        assertThatThrownBy(() -> LiveLatencyBenchmark.plan(new String[] {"--fast"}))
                .hasMessageContaining("unknown option --fast");
    }
}
