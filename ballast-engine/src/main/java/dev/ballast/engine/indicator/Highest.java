package dev.ballast.engine.indicator;

/**
 * The highest of the last {@code period} values (a Donchian upper band when fed highs), O(1) amortized
 * per update via a monotonic deque. NaN inputs are not supported. Ready after {@code period} values.
 * Not thread-safe: owned by one strategy.
 */
public final class Highest implements Indicator {
    private final MonotonicWindow window;

    public Highest(int period) {
        this.window = new MonotonicWindow(period, true);
    }

    @Override
    public void update(double value) {
        window.update(value);
    }

    @Override
    public boolean isReady() {
        return window.isReady();
    }

    @Override
    public double value() {
        return window.value();
    }

    @Override
    public long count() {
        return window.count();
    }

    public int period() {
        return window.period();
    }
}
