package dev.ballast.engine.risk;

import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;

/**
 * Rolling correlation of bar-to-bar returns between symbols over a window of bars, updated
 * incrementally as bars arrive. Owned by the engine thread; not thread-safe.
 */
public final class CorrelationTracker {
    private final int window;

    public CorrelationTracker(int window) {
        this.window = window;
    }

    public int window() {
        return window;
    }

    /** Adds a completed bar. */
    public void onBar(Bar bar) {
        // Filled in with the full rule set (CorrelationTrackerTest).
    }

    /** Correlation of returns of {@code a} and {@code b} over the window; NaN until the window is full. 1 for a == b. */
    public double correlation(Symbol a, Symbol b) {
        return a.equals(b) ? 1.0 : Double.NaN;
    }
}
