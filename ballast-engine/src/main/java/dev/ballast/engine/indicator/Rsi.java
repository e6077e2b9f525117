package dev.ballast.engine.indicator;

/**
 * Relative strength index with Wilder's smoothing.
 *
 * <p>From each pair of consecutive values comes a gain {@code max(dx, 0)} and a loss {@code max(-dx, 0)}.
 * The first average gain and loss are the simple means of the first {@code period} changes; after that
 * {@code avg = (avg * (period - 1) + current) / period}. {@code RSI = 100 - 100 / (1 + avgGain / avgLoss)},
 * and 100 when the average loss is zero (including a perfectly flat series: no losses means no selling
 * pressure, by convention here). Ready after {@code period + 1} values, since {@code period} changes need
 * one value more. Not thread-safe: owned by one strategy.
 */
public final class Rsi implements Indicator {
    /** Wilder's original period. */
    public static final int DEFAULT_PERIOD = 14;

    private final int period;
    private long count;
    private double previous;
    private double avgGain;
    private double avgLoss;

    /** An RSI over {@link #DEFAULT_PERIOD} (14) changes. */
    public Rsi() {
        this(DEFAULT_PERIOD);
    }

    public Rsi(int period) {
        if (period < 1) throw new IllegalArgumentException("RSI period must be at least 1, was " + period);
        this.period = period;
    }

    @Override
    public void update(double value) {
        count++;
        if (count > 1) {
            double change = value - previous;
            double gain = change > 0 ? change : 0;
            double loss = change < 0 ? -change : 0;
            if (count <= period + 1) {
                // Seeding: accumulate the sums, turned into means on the period-th change.
                avgGain += gain;
                avgLoss += loss;
                if (count == period + 1) {
                    avgGain /= period;
                    avgLoss /= period;
                }
            } else {
                avgGain = (avgGain * (period - 1) + gain) / period;
                avgLoss = (avgLoss * (period - 1) + loss) / period;
            }
        }
        previous = value;
    }

    @Override
    public boolean isReady() {
        return count > period;
    }

    @Override
    public double value() {
        if (!isReady()) return Double.NaN;
        if (avgLoss == 0) return 100.0;
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }

    @Override
    public long count() {
        return count;
    }

    public int period() {
        return period;
    }
}
