package dev.ballast.engine.risk;

import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Rolling Pearson correlation of bar-to-bar log returns between every pair of symbols seen, over the
 * last {@code window} time steps, updated incrementally as bars arrive. Owned by the engine thread; not
 * thread-safe.
 *
 * <p><b>Returns.</b> The log return {@code ln(close_t / close_{t-1})} of the bar closes. Log returns are
 * chosen over simple returns because they are symmetric (an up and down move of the same factor cancel)
 * and scale-free; at bar frequency the two are nearly equal (the difference is second order in the
 * move), so the choice hardly changes the figure. A close that is not positive gives no return.
 *
 * <p><b>Time steps and alignment.</b> A time step is a distinct bar timestamp. Bars of different symbols
 * arrive one by one with the same timestamp; while the timestamp stays the same they are held as
 * pending (a symbol's last bar in the step wins). When a bar with a later timestamp arrives, the pending
 * step is complete and is committed: a symbol has a return in that step only when it had a bar in the
 * step <em>and</em> in the step right before it, so both closes bound the same interval for every
 * symbol and the returns of a pair are always over the same interval. A symbol without a bar in a step
 * (or right after a step it missed) has no return there and contributes no observation to its pairs
 * for that step. Consequently the correlation reflects committed steps only: the bars of the latest
 * timestamp count once the next timestamp starts. A bar older than the current step is ignored.
 *
 * <p><b>Window.</b> The last {@code window} committed steps. A pair (a, b) has an observation in a step
 * when both have a return in it; {@link #correlation} is defined once the pair has an observation in
 * every one of the last {@code window} steps ({@code window} observations), NaN before. So a missed bar
 * leaves the symbol's pairs unknown (NaN) until that step has rolled out of the window: the rule counts
 * unknown pairs as correlated, so this errs towards denying. (The alternative, a window of each pair's
 * last {@code window} joint observations, needs a ring buffer per pair: pairs x window memory instead of
 * symbols x window.)
 *
 * <p><b>Cost.</b> Per-symbol ring buffers of returns (NaN where there is none) and per-pair running sums
 * (x, y, xy, x², y², count) in a triangular array: committing a step adds the entering observation and
 * subtracts the one leaving the window, O(pairs); once every {@code window} steps all sums are recomputed
 * from the ring buffers (O(pairs x window), O(pairs) amortized) so floating-point drift cannot build
 * up. No allocation per bar in steady state; the arrays grow only when a new symbol appears.
 */
public final class CorrelationTracker {
    /** A variance this small relative to the sum of squares is zero (a constant series, up to rounding). */
    private static final double ZERO_VARIANCE = 1e-12;

    private final int window;
    private final Map<Symbol, Integer> index = new HashMap<>();
    private Symbol[] symbols = new Symbol[0];
    private int count;

    /** Log close of the symbol's last committed bar, and the step it was in (Long.MIN_VALUE: none). */
    private double[] lastLogClose = new double[0];
    private long[] lastStep = new long[0];
    /** The pending step: whether the symbol has a bar in it, and its log close (NaN when not positive). */
    private boolean[] pending = new boolean[0];
    private double[] pendingLogClose = new double[0];
    /** Returns by symbol and step slot: {@code returns[symbol * window + step % window]}, NaN where none. */
    private double[] returns = new double[0];
    /** Scratch per commit: the return entering and the one leaving the window, per symbol. */
    private double[] entering = new double[0];
    private double[] leaving = new double[0];

    /** Pair sums, triangular: pair (i, j) with j < i at {@code i * (i - 1) / 2 + j}; x is symbol i, y symbol j. */
    private double[] sx = new double[0];
    private double[] sy = new double[0];
    private double[] sxx = new double[0];
    private double[] syy = new double[0];
    private double[] sxy = new double[0];
    private int[] n = new int[0];

    /** Committed steps so far; the pending step, if any, is number {@code steps}. */
    private long steps;
    private long pendingTimestamp = Long.MIN_VALUE;
    private boolean hasPending;

    public CorrelationTracker(int window) {
        if (window < 2) throw new IllegalArgumentException("correlation window must be at least 2, was " + window);
        this.window = window;
    }

    public int window() {
        return window;
    }

    /** Adds a completed bar. */
    public void onBar(Bar bar) {
        long timestamp = bar.timestamp();
        if (hasPending && timestamp < pendingTimestamp) return;
        if (hasPending && timestamp > pendingTimestamp) commit();
        pendingTimestamp = timestamp;
        hasPending = true;
        int i = indexOf(bar.symbol());
        long close = bar.close().raw();
        pending[i] = true;
        pendingLogClose[i] = close > 0 ? Math.log(close) : Double.NaN;
    }

    /** Correlation of returns of {@code a} and {@code b} over the window; NaN until the window is full. 1 for a == b. */
    public double correlation(Symbol a, Symbol b) {
        if (a.equals(b)) return 1.0;
        Integer ia = index.get(a);
        Integer ib = index.get(b);
        if (ia == null || ib == null) return Double.NaN;
        int p = pair(ia, ib);
        if (n[p] < window) return Double.NaN;
        double w = n[p];
        double varX = w * sxx[p] - sx[p] * sx[p];
        double varY = w * syy[p] - sy[p] * sy[p];
        if (varX <= ZERO_VARIANCE * w * sxx[p] || varY <= ZERO_VARIANCE * w * syy[p]) return Double.NaN;
        double r = (w * sxy[p] - sx[p] * sy[p]) / Math.sqrt(varX * varY);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    /** Joint return observations of {@code a} and {@code b} in the window ({@code window} for a == b seen or not). */
    public int observations(Symbol a, Symbol b) {
        if (a.equals(b)) return window;
        Integer ia = index.get(a);
        Integer ib = index.get(b);
        return ia == null || ib == null ? 0 : n[pair(ia, ib)];
    }

    /** Committed time steps so far. */
    public long steps() {
        return steps;
    }

    private static int pair(int a, int b) {
        int i = Math.max(a, b);
        int j = Math.min(a, b);
        return i * (i - 1) / 2 + j;
    }

    /** Commits the pending step: each symbol's return, then every pair's sums. */
    private void commit() {
        int slot = (int) (steps % window);
        for (int i = 0; i < count; i++) {
            double r = Double.NaN;
            if (pending[i]) {
                if (lastStep[i] == steps - 1) r = pendingLogClose[i] - lastLogClose[i];
                lastLogClose[i] = pendingLogClose[i];
                lastStep[i] = steps;
                pending[i] = false;
            }
            int at = i * window + slot;
            leaving[i] = returns[at];
            entering[i] = r;
            returns[at] = r;
        }
        steps++;
        hasPending = false;
        if (steps % window == 0) {
            recompute();
            return;
        }
        int p = 0;
        for (int i = 1; i < count; i++) {
            double xOut = leaving[i];
            double xIn = entering[i];
            boolean out = xOut == xOut;
            boolean in = xIn == xIn;
            for (int j = 0; j < i; j++, p++) {
                double yOut = leaving[j];
                if (out && yOut == yOut) {
                    sx[p] -= xOut;
                    sy[p] -= yOut;
                    sxx[p] -= xOut * xOut;
                    syy[p] -= yOut * yOut;
                    sxy[p] -= xOut * yOut;
                    n[p]--;
                }
                double yIn = entering[j];
                if (in && yIn == yIn) {
                    sx[p] += xIn;
                    sy[p] += yIn;
                    sxx[p] += xIn * xIn;
                    syy[p] += yIn * yIn;
                    sxy[p] += xIn * yIn;
                    n[p]++;
                }
            }
        }
    }

    /** Recomputes every pair's sums from the ring buffers, dropping accumulated rounding. */
    private void recompute() {
        int p = 0;
        for (int i = 1; i < count; i++) {
            int xi = i * window;
            for (int j = 0; j < i; j++, p++) {
                int yj = j * window;
                double ax = 0, ay = 0, axx = 0, ayy = 0, axy = 0;
                int c = 0;
                for (int k = 0; k < window; k++) {
                    double x = returns[xi + k];
                    double y = returns[yj + k];
                    if (x == x && y == y) {
                        ax += x;
                        ay += y;
                        axx += x * x;
                        ayy += y * y;
                        axy += x * y;
                        c++;
                    }
                }
                sx[p] = ax;
                sy[p] = ay;
                sxx[p] = axx;
                syy[p] = ayy;
                sxy[p] = axy;
                n[p] = c;
            }
        }
    }

    private int indexOf(Symbol symbol) {
        Integer known = index.get(symbol);
        if (known != null) return known;
        int i = count;
        if (i == symbols.length) grow(Math.max(8, i * 2));
        symbols[i] = symbol;
        lastStep[i] = Long.MIN_VALUE;
        lastLogClose[i] = Double.NaN;
        pendingLogClose[i] = Double.NaN;
        Arrays.fill(returns, i * window, (i + 1) * window, Double.NaN);
        entering[i] = Double.NaN;
        leaving[i] = Double.NaN;
        index.put(symbol, i);
        count++;
        return i;
    }

    private void grow(int capacity) {
        symbols = Arrays.copyOf(symbols, capacity);
        lastLogClose = Arrays.copyOf(lastLogClose, capacity);
        lastStep = Arrays.copyOf(lastStep, capacity);
        pending = Arrays.copyOf(pending, capacity);
        pendingLogClose = Arrays.copyOf(pendingLogClose, capacity);
        returns = Arrays.copyOf(returns, capacity * window);
        entering = Arrays.copyOf(entering, capacity);
        leaving = Arrays.copyOf(leaving, capacity);
        int pairs = capacity * (capacity - 1) / 2;
        sx = Arrays.copyOf(sx, pairs);
        sy = Arrays.copyOf(sy, pairs);
        sxx = Arrays.copyOf(sxx, pairs);
        syy = Arrays.copyOf(syy, pairs);
        sxy = Arrays.copyOf(sxy, pairs);
        n = Arrays.copyOf(n, pairs);
    }
}
