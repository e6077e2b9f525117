package dev.ballast.engine.indicator;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each incremental indicator against a naive recomputation from the whole series so far, over seeded
 * random walks, to a relative tolerance of 1e-9.
 */
class IndicatorNaiveComparisonTest {
    private static final int[] PERIODS = {1, 2, 3, 5, 14, 50};
    private static final int LENGTH = 1_500;

    interface Naive {
        /** The indicator's value after xs[0..end], or NaN when not ready. */
        double at(double[] xs, int end);
    }

    private static double[] randomWalk(long seed, int n, double start, double step) {
        Random random = new Random(seed);
        double[] xs = new double[n];
        double x = start;
        for (int i = 0; i < n; i++) {
            x = Math.max(1.0, x + random.nextGaussian() * step);
            xs[i] = x;
        }
        return xs;
    }

    /** The magnitude errors are measured against: by default the expected value itself. */
    interface Scale {
        double at(double[] xs, int end, int period, double expected);
    }

    private static void compare(String name, IntFunction<Indicator> make, IntFunction<Naive> naive, int minPeriod) {
        compare(name, make, naive, minPeriod, (xs, end, period, expected) -> Math.abs(expected));
    }

    private static void compare(String name, IntFunction<Indicator> make, IntFunction<Naive> naive, int minPeriod,
                                Scale scale) {
        for (long seed = 1; seed <= 3; seed++) {
            double[] xs = randomWalk(seed, LENGTH, 100, 1.5);
            for (int period : PERIODS) {
                if (period < minPeriod) continue;
                Indicator ind = make.apply(period);
                Naive ref = naive.apply(period);
                for (int i = 0; i < xs.length; i++) {
                    ind.update(xs[i]);
                    double expected = ref.at(xs, i);
                    String what = name + "(" + period + ") seed " + seed + " at " + i;
                    if (Double.isNaN(expected)) {
                        assertThat(ind.isReady()).as(what).isFalse();
                        assertThat(ind.value()).as(what).isNaN();
                    } else {
                        assertThat(ind.isReady()).as(what).isTrue();
                        double tolerance = 1e-9 * Math.max(scale.at(xs, i, period, expected), 1e-12);
                        assertThat(Math.abs(ind.value() - expected)).as(what + ": " + ind.value() + " vs " + expected)
                                .isLessThanOrEqualTo(tolerance);
                    }
                    assertThat(ind.count()).isEqualTo(i + 1);
                }
            }
        }
    }

    @Test
    void sma() {
        compare("SMA", Sma::new, p -> (xs, end) -> {
            if (end + 1 < p) return Double.NaN;
            double sum = 0;
            for (int i = end - p + 1; i <= end; i++) sum += xs[i];
            return sum / p;
        }, 1);
    }

    @Test
    void ema() {
        compare("EMA", Ema::new, p -> (xs, end) -> {
            if (end + 1 < p) return Double.NaN;
            double ema = 0;
            for (int i = 0; i < p; i++) ema += xs[i];
            ema /= p;
            double alpha = 2.0 / (p + 1);
            for (int i = p; i <= end; i++) ema = alpha * xs[i] + (1 - alpha) * ema;
            return ema;
        }, 1);
    }

    @Test
    void rsi() {
        compare("RSI", Rsi::new, p -> (xs, end) -> {
            if (end < p) return Double.NaN;
            double gain = 0;
            double loss = 0;
            for (int i = 1; i <= p; i++) {
                double d = xs[i] - xs[i - 1];
                gain += Math.max(d, 0);
                loss += Math.max(-d, 0);
            }
            gain /= p;
            loss /= p;
            for (int i = p + 1; i <= end; i++) {
                double d = xs[i] - xs[i - 1];
                gain = ((p - 1) * gain + Math.max(d, 0)) / p;
                loss = ((p - 1) * loss + Math.max(-d, 0)) / p;
            }
            return loss == 0 ? 100 : 100 * gain / (gain + loss);
        }, 1);
    }

    @Test
    void rollingStdDev() {
        // Relative to the largest deviation within the last ring cycle: see RollingStdDev's accuracy note.
        compare("StdDev", RollingStdDev::new, p -> (xs, end) -> naiveStdDev(xs, end, p), 2,
                (xs, end, p, expected) -> {
                    double scale = expected;
                    for (int e = Math.max(p - 1, end - p); e < end; e++) scale = Math.max(scale, naiveStdDev(xs, e, p));
                    return scale;
                });
    }

    private static double naiveStdDev(double[] xs, int end, int p) {
        if (end + 1 < p) return Double.NaN;
        double mean = 0;
        for (int i = end - p + 1; i <= end; i++) mean += xs[i];
        mean /= p;
        double squares = 0;
        for (int i = end - p + 1; i <= end; i++) squares += (xs[i] - mean) * (xs[i] - mean);
        return Math.sqrt(squares / (p - 1));
    }

    @Test
    void rateOfChange() {
        compare("ROC", RateOfChange::new, p -> (xs, end) -> end < p ? Double.NaN : xs[end] / xs[end - p] - 1, 1);
    }

    @Test
    void highest() {
        compare("Highest", Highest::new, p -> (xs, end) -> {
            if (end + 1 < p) return Double.NaN;
            double m = Double.NEGATIVE_INFINITY;
            for (int i = end - p + 1; i <= end; i++) m = Math.max(m, xs[i]);
            return m;
        }, 1);
    }

    @Test
    void lowest() {
        compare("Lowest", Lowest::new, p -> (xs, end) -> {
            if (end + 1 < p) return Double.NaN;
            double m = Double.POSITIVE_INFINITY;
            for (int i = end - p + 1; i <= end; i++) m = Math.min(m, xs[i]);
            return m;
        }, 1);
    }

    @Test
    void highestAndLowestHandleTiesAndMonotoneRuns() {
        // Plateaus and strictly monotone runs are the deque's edge cases.
        double[] xs = {5, 5, 5, 4, 4, 6, 6, 6, 7, 8, 9, 3, 2, 1, 1, 1, 2, 2};
        for (int p = 1; p <= 5; p++) {
            Highest hi = new Highest(p);
            Lowest lo = new Lowest(p);
            for (int end = 0; end < xs.length; end++) {
                hi.update(xs[end]);
                lo.update(xs[end]);
                if (end + 1 < p) continue;
                double max = Double.NEGATIVE_INFINITY;
                double min = Double.POSITIVE_INFINITY;
                for (int i = end - p + 1; i <= end; i++) {
                    max = Math.max(max, xs[i]);
                    min = Math.min(min, xs[i]);
                }
                assertThat(hi.value()).as("highest(%d) at %d", p, end).isEqualTo(max);
                assertThat(lo.value()).as("lowest(%d) at %d", p, end).isEqualTo(min);
            }
        }
    }

    @Test
    void stdDevDoesNotDriftOverALongRunAtALargeLevel() {
        // A large level with small moves is where running sums lose precision.
        int n = 1_000_003;
        double[] xs = randomWalk(42, n, 1_000_000, 0.01);
        RollingStdDev sd = new RollingStdDev(20);
        for (int i = 0; i < n; i++) {
            sd.update(xs[i]);
            // Check mid-cycle too, where the exact recomputation has not happened yet.
            if (i % 99_991 == 0 && i >= 19) {
                double expected = naiveStdDev(xs, i, 20);
                assertThat(Math.abs(sd.value() - expected)).as("at " + i).isLessThanOrEqualTo(1e-9 * expected);
            }
        }
        double expected = naiveStdDev(xs, n - 1, 20);
        assertThat(Math.abs(sd.value() - expected)).isLessThanOrEqualTo(1e-9 * expected);
    }
}
