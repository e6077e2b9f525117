package dev.ballast.engine.risk;

import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The rolling correlation against a naive recomputation, known series, window rolling, alignment, zero variance. */
class CorrelationTrackerTest {
    private static final Symbol A = Symbol.of("A");
    private static final Symbol B = Symbol.of("B");
    private static final Symbol C = Symbol.of("C");

    private static Bar bar(Symbol symbol, long t, double close) {
        Price price = Price.ofRaw(Math.round(close * 100_000_000L));
        return new Bar(symbol, t, price, price, price, price, Quantity.ofUnits(1));
    }

    /** Feeds one step: a bar per symbol at time t (NaN close: no bar). */
    private static void step(CorrelationTracker tracker, long t, Symbol[] symbols, double[] closes) {
        for (int i = 0; i < symbols.length; i++) {
            if (closes[i] == closes[i]) tracker.onBar(bar(symbols[i], t, closes[i]));
        }
    }

    /** Two-pass Pearson over paired observations. */
    private static double naive(List<double[]> pairs) {
        double mx = 0, my = 0;
        for (double[] p : pairs) {
            mx += p[0];
            my += p[1];
        }
        mx /= pairs.size();
        my /= pairs.size();
        double cxy = 0, cxx = 0, cyy = 0;
        for (double[] p : pairs) {
            cxy += (p[0] - mx) * (p[1] - my);
            cxx += (p[0] - mx) * (p[0] - mx);
            cyy += (p[1] - my) * (p[1] - my);
        }
        return cxy / Math.sqrt(cxx * cyy);
    }

    @Test
    void matchesANaiveRecomputationOverRandomSeriesAtEveryStep() {
        int window = 20;
        int symbols = 6;
        SplittableRandom random = new SplittableRandom(42);
        CorrelationTracker tracker = new CorrelationTracker(window);
        Symbol[] names = new Symbol[symbols];
        double[] price = new double[symbols];
        for (int i = 0; i < symbols; i++) {
            names[i] = Symbol.of("S" + i);
            price[i] = 50 + 100 * random.nextDouble();
        }
        // Logged closes as the tracker sees them (rounded to the fixed-point raw), per step.
        List<double[]> closes = new ArrayList<>();
        int checked = 0;
        for (int t = 0; t < 500; t++) {
            double common = random.nextGaussian() * 0.01;
            double[] now = new double[symbols];
            for (int i = 0; i < symbols; i++) {
                double beta = (i % 3 - 1) * 0.8;       // -0.8, 0, 0.8: anti, independent, correlated
                price[i] *= Math.exp(beta * common + random.nextGaussian() * 0.01 + 0.0005);
                long raw = Math.round(price[i] * 100_000_000L);
                now[i] = raw / 100_000_000.0;
            }
            step(tracker, t, names, now);
            closes.add(now);
            // The step at t is pending; committed are steps 0..t-1, whose returns are steps 1..t-1.
            int committed = t;
            for (int a = 0; a < symbols; a++) {
                for (int b = 0; b < symbols; b++) {
                    double actual = tracker.correlation(names[a], names[b]);
                    if (a == b) {
                        assertThat(actual).isEqualTo(1.0);
                        continue;
                    }
                    if (committed - 1 < window) {
                        assertThat(actual).as("t=%d", t).isNaN();
                        continue;
                    }
                    List<double[]> pairs = new ArrayList<>();
                    for (int s = committed - window; s < committed; s++) {
                        pairs.add(new double[] {
                                Math.log(closes.get(s)[a] / closes.get(s - 1)[a]),
                                Math.log(closes.get(s)[b] / closes.get(s - 1)[b])});
                    }
                    assertThat(actual).as("t=%d a=%d b=%d", t, a, b).isCloseTo(naive(pairs), within(1e-9));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void perfectlyCorrelatedAntiCorrelatedAndIndependentSeries() {
        CorrelationTracker tracker = new CorrelationTracker(8);
        SplittableRandom random = new SplittableRandom(7);
        double a = 100, c = 100;
        for (int t = 0; t <= 9; t++) {
            double move = Math.exp(random.nextGaussian() * 0.02);
            a *= move;
            tracker.onBar(bar(A, t, a));
            tracker.onBar(bar(B, t, 1 / a * 10_000));   // B = 10000 / A: its log return is exactly -A's
            tracker.onBar(bar(Symbol.of("A2"), t, 3 * a));
            c = t % 2 == 0 ? 100 : 101;                  // alternating, unrelated to A's random walk
            tracker.onBar(bar(C, t, c));
        }
        tracker.onBar(bar(A, 10, a));                    // commits step 9: returns of steps 1..9, window 8
        assertThat(tracker.correlation(A, Symbol.of("A2"))).isCloseTo(1.0, within(1e-6));
        assertThat(tracker.correlation(A, B)).isCloseTo(-1.0, within(1e-6));
        assertThat(tracker.correlation(B, A)).isEqualTo(tracker.correlation(A, B));
        assertThat(Math.abs(tracker.correlation(A, C))).isLessThan(0.9);
    }

    @Test
    void nanUntilTheWindowIsFullThenOldObservationsLeave() {
        CorrelationTracker tracker = new CorrelationTracker(3);
        // Steps 0..3: B moves exactly like A (returns +1%, -1%, +2%).
        double[] a = {100, 101, 99.99, 101.9898};
        for (int t = 0; t < a.length; t++) {
            tracker.onBar(bar(A, t, a[t]));
            tracker.onBar(bar(B, t, a[t] * 2));
        }
        // Committed steps 0..2: two returns, window 3: not yet.
        assertThat(tracker.correlation(A, B)).isNaN();
        assertThat(tracker.observations(A, B)).isEqualTo(2);
        // Step 4 commits step 3: three returns, identical.
        tracker.onBar(bar(A, 4, 100));
        tracker.onBar(bar(B, 4, 100 * 2 * 1.03));
        assertThat(tracker.observations(A, B)).isEqualTo(3);
        assertThat(tracker.correlation(A, B)).isCloseTo(1.0, within(1e-9));
        // Steps 4..6 with opposite moves: once the three identical returns have left, -1.
        double pa = 100, pb = 206;
        double[] moves = {0.98, 1.03, 0.97};
        for (int k = 0; k < moves.length; k++) {
            long t = 5 + k;
            pa *= moves[k];
            pb /= moves[k];
            tracker.onBar(bar(A, t, pa));
            tracker.onBar(bar(B, t, pb));
        }
        tracker.onBar(bar(A, 8, pa));
        tracker.onBar(bar(B, 8, pb));
        tracker.onBar(bar(A, 9, pa));                    // commits step 8 (both unchanged: returns 0)
        // Window: steps 6, 7, 8: A ln 1.03, ln 0.97, 0; B the negatives. The identical returns have left.
        assertThat(tracker.observations(A, B)).isEqualTo(3);
        assertThat(tracker.correlation(A, B)).isCloseTo(-1.0, within(1e-6));
    }

    @Test
    void aSymbolThatMissesAStepHasNoObservationThereNorRightAfter() {
        CorrelationTracker tracker = new CorrelationTracker(3);
        double[] closes = {100, 101, 102, 101, 103, 102, 104, 103, 105};
        for (int t = 0; t < closes.length; t++) {
            tracker.onBar(bar(A, t, closes[t]));
            tracker.onBar(bar(C, t, closes[t] * 3));
            if (t != 4) tracker.onBar(bar(B, t, closes[t] * 2));   // B misses step 4
        }
        tracker.onBar(bar(A, 9, 100));                   // commits step 8
        // B has returns at steps 1..3 and 6..8 (none at 4, missing, nor at 5, right after): 3 in the window 6..8.
        assertThat(tracker.observations(A, B)).isEqualTo(3);
        assertThat(tracker.correlation(A, B)).isCloseTo(1.0, within(1e-9));
        assertThat(tracker.observations(A, C)).isEqualTo(3);

        // One step earlier the window 5..7 held only two joint observations of A and B: unknown.
        CorrelationTracker earlier = new CorrelationTracker(3);
        for (int t = 0; t < 8; t++) {
            earlier.onBar(bar(A, t, closes[t]));
            if (t != 4) earlier.onBar(bar(B, t, closes[t] * 2));
        }
        earlier.onBar(bar(A, 8, 100));                   // commits step 7
        assertThat(earlier.observations(A, B)).isEqualTo(2);
        assertThat(earlier.correlation(A, B)).isNaN();
    }

    @Test
    void barsOfTheCurrentTimestampCountOnceTheNextStarts() {
        CorrelationTracker tracker = new CorrelationTracker(3);
        for (int t = 0; t < 4; t++) {
            tracker.onBar(bar(A, t, 100 + t * t));
            tracker.onBar(bar(B, t, 50 + t));
        }
        assertThat(tracker.steps()).isEqualTo(3);
        assertThat(tracker.correlation(A, B)).isNaN();
        tracker.onBar(bar(B, 4, 10));
        assertThat(tracker.steps()).isEqualTo(4);
        assertThat(tracker.correlation(A, B)).isNotNaN();
        // A late bar (older than the pending step) is ignored.
        tracker.onBar(bar(A, 2, 1));
        assertThat(tracker.steps()).isEqualTo(4);
    }

    @Test
    void zeroVarianceIsUnknown() {
        CorrelationTracker tracker = new CorrelationTracker(4);
        for (int t = 0; t < 7; t++) {
            tracker.onBar(bar(A, t, 100 + (t % 2)));
            tracker.onBar(bar(B, t, 42));                // flat: every return is 0
        }
        assertThat(tracker.observations(A, B)).isEqualTo(4);
        assertThat(tracker.correlation(A, B)).isNaN();
        assertThat(tracker.correlation(B, B)).isEqualTo(1.0);
    }

    @Test
    void unseenSymbolsAreUnknownAndASymbolIsFullyCorrelatedWithItself() {
        CorrelationTracker tracker = new CorrelationTracker(3);
        assertThat(tracker.correlation(A, B)).isNaN();
        assertThat(tracker.correlation(A, A)).isEqualTo(1.0);
        assertThat(tracker.observations(A, B)).isZero();
    }

    @Test
    void symbolsAppearingLaterGrowTheArraysWithoutDisturbingExistingPairs() {
        CorrelationTracker tracker = new CorrelationTracker(3);
        SplittableRandom random = new SplittableRandom(3);
        double a = 100;
        int symbols = 20;
        for (int t = 0; t < 60; t++) {
            a *= Math.exp(random.nextGaussian() * 0.01);
            tracker.onBar(bar(A, t, a));
            tracker.onBar(bar(B, t, 2 * a));
            // A new symbol every two steps (past the first growth of the arrays at 8).
            for (int k = 0; k < Math.min(symbols, t / 2); k++) {
                tracker.onBar(bar(Symbol.of("N" + k), t, 10 + random.nextDouble()));
            }
            if (t >= 5) assertThat(tracker.correlation(A, B)).as("t=%d", t).isCloseTo(1.0, within(1e-6));
        }
        assertThat(tracker.correlation(Symbol.of("N19"), A)).isNotNaN();
    }
}
