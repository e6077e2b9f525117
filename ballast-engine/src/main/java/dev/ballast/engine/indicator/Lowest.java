package dev.ballast.engine.indicator;

/**
 * The lowest of the last {@code period} values (a Donchian lower band when fed lows), O(1) amortized
 * per update via a monotonic deque. NaN inputs are not supported. Ready after {@code period} values.
 * Not thread-safe: owned by one strategy.
 */
public final class Lowest implements Indicator {
    private final MonotonicWindow window;

    public Lowest(int period) {
        this.window = new MonotonicWindow(period, false);
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
