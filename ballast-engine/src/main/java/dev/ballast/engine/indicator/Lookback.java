package dev.ballast.engine.indicator;

import java.util.Arrays;

/**
 * Wraps an indicator and remembers its last {@code depth} outputs so a rule can ask for
 * {@link #value(int) value(barsAgo)} ("the SMA two bars ago"). One array store per update on top of the
 * wrapped indicator; no allocation. Feed the wrapper, not the wrapped indicator. Not thread-safe: owned
 * by one strategy.
 */
public final class Lookback implements Indicator {
    private final Indicator source;
    private final double[] history;
    private int next;

    /** @param depth how many outputs to keep; {@code value(depth - 1)} is the oldest reachable */
    public Lookback(Indicator source, int depth) {
        if (source == null) throw new IllegalArgumentException("source indicator is required");
        if (depth < 1) throw new IllegalArgumentException("lookback depth must be at least 1, was " + depth);
        this.source = source;
        this.history = new double[depth];
        Arrays.fill(history, Double.NaN);
    }

    @Override
    public void update(double value) {
        source.update(value);
        history[next] = source.value();
        next = next + 1 == history.length ? 0 : next + 1;
    }

    @Override
    public boolean isReady() {
        return source.isReady();
    }

    @Override
    public double value() {
        return source.value();
    }

    /**
     * The wrapped indicator's output {@code barsAgo} updates back (0 is the current one); NaN when that
     * update was before the indicator was ready or before the first update.
     *
     * @throws IndexOutOfBoundsException if {@code barsAgo} is negative or not below the depth
     */
    public double value(int barsAgo) {
        if (barsAgo < 0 || barsAgo >= history.length) {
            throw new IndexOutOfBoundsException("barsAgo " + barsAgo + " outside [0, " + history.length + ")");
        }
        int i = next - 1 - barsAgo;
        if (i < 0) i += history.length;
        return history[i];
    }

    @Override
    public long count() {
        return source.count();
    }

    public int depth() {
        return history.length;
    }

    public Indicator source() {
        return source;
    }
}
