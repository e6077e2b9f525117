package dev.ballast.engine.strategy.lang;

import dev.ballast.engine.indicator.Indicator;
import dev.ballast.model.event.Bar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-symbol state behind compiled expressions: the bar's price fields, every indicator the
 * expressions use (one instance per distinct indicator, source and period), the derived series that
 * need a history (the operands of {@code x[n]} and of the crosses), and for each of them a ring buffer
 * exactly as deep as the largest lookback asked of it.
 *
 * <p>{@link #update} runs once per bar: O(number of series), no allocation. Slots are updated in the
 * order they were created, and a slot is always created after the slots it reads, so every slot sees
 * its sources' values of the same bar. Not thread-safe: owned by one strategy.
 */
public final class SymbolSeries {
    static final int OPEN = 0, HIGH = 1, LOW = 2, CLOSE = 3, VOLUME = 4;
    static final String[] FIELDS = {"open", "high", "low", "close", "volume"};

    /** One series: its value on the current bar and, when a lookback needs it, its recent history. */
    abstract static sealed class Slot permits FieldSlot, IndicatorSlot, DerivedSlot {
        final String signature;
        /** Bars after which this series' current value is defined (1 for a price field). */
        final int warmUp;
        double current = Double.NaN;
        /** history[i]: the value i + 1 bars ago, in a ring; null when no lookback asks for it. */
        private double[] history;
        private int next;
        int maxLookback;

        Slot(String signature, int warmUp) {
            this.signature = signature;
            this.warmUp = warmUp;
        }

        abstract void update(SymbolSeries s);

        final void set(double value) {
            if (history != null) {
                history[next] = current;
                next = next + 1 == history.length ? 0 : next + 1;
            }
            current = value;
        }

        /** The value {@code barsAgo} bars ago, {@code 1 <= barsAgo <= maxLookback}; NaN before it existed. */
        final double ago(int barsAgo) {
            int i = next - barsAgo;
            if (i < 0) i += history.length;
            return history[i];
        }

        void allocate() {
            if (maxLookback > 0) {
                history = new double[maxLookback];
                Arrays.fill(history, Double.NaN);
            }
        }

        /** Bars needed before this series and all its lookbacks are defined. */
        final int warmUpWithLookback() {
            return warmUp + maxLookback;
        }
    }

    static final class FieldSlot extends Slot {
        final int field;

        FieldSlot(int field) {
            super(FIELDS[field], 1);
            this.field = field;
        }

        @Override
        void update(SymbolSeries s) {
            set(s.fields[field]);
        }
    }

    static final class IndicatorSlot extends Slot {
        final Indicator indicator;
        final Slot source;

        IndicatorSlot(String signature, int warmUp, Indicator indicator, Slot source) {
            super(signature, warmUp);
            this.indicator = indicator;
            this.source = source;
        }

        @Override
        void update(SymbolSeries s) {
            // An indicator is fed only defined values: a source still warming up (NaN) would poison a running sum.
            double v = source.current;
            if (v == v) indicator.update(v);
            set(indicator.value());
        }
    }

    static final class DerivedSlot extends Slot {
        final ExpressionCompiler.NumNode expression;

        DerivedSlot(String signature, int warmUp, ExpressionCompiler.NumNode expression) {
            super(signature, warmUp);
            this.expression = expression;
        }

        @Override
        void update(SymbolSeries s) {
            set(expression.value());
        }
    }

    final double[] fields = new double[5];
    private final List<Slot> slots = new ArrayList<>();
    private Slot[] order = new Slot[0];
    private long bars;

    SymbolSeries() {
        for (int f = 0; f < FIELDS.length; f++) slots.add(new FieldSlot(f));
    }

    Slot field(int field) {
        return slots.get(field);
    }

    Slot find(String signature) {
        for (Slot slot : slots) if (slot.signature.equals(signature)) return slot;
        return null;
    }

    Slot add(Slot slot) {
        slots.add(slot);
        return slot;
    }

    /** Sizes the ring buffers once every expression is compiled; called by the compiler. */
    void seal() {
        for (Slot slot : slots) slot.allocate();
        // Fields always update; of the rest, keep only what something reads (all of them, as compiled).
        order = slots.toArray(new Slot[0]);
    }

    /** Feeds one completed bar. */
    public void update(Bar bar) {
        update(bar.open().toDouble(), bar.high().toDouble(), bar.low().toDouble(), bar.close().toDouble(),
                bar.volume().toDouble());
    }

    /** Feeds one bar's fields. */
    public void update(double open, double high, double low, double close, double volume) {
        fields[OPEN] = open;
        fields[HIGH] = high;
        fields[LOW] = low;
        fields[CLOSE] = close;
        fields[VOLUME] = volume;
        for (Slot slot : order) slot.update(this);
        bars++;
    }

    /** Bars fed so far. */
    public long bars() {
        return bars;
    }

    /**
     * Bars needed before every series the expressions read, at every lookback they ask for, is defined:
     * the largest of (series warm-up + its deepest lookback), where an indicator's warm-up is its
     * source's warm-up plus the values it needs, less one (sma(close, 30) is defined from bar 30,
     * sma(close, 30)[1] from bar 31).
     */
    public int warmUp() {
        int w = 1;
        for (Slot slot : slots) w = Math.max(w, slot.warmUpWithLookback());
        return w;
    }

    /** Distinct indicator instances (after de-duplication), for tests and diagnostics. */
    public int indicatorCount() {
        int n = 0;
        for (Slot slot : slots) if (slot instanceof IndicatorSlot) n++;
        return n;
    }

    /** Series held (price fields, indicators, derived), for tests and diagnostics. */
    public int seriesCount() {
        return slots.size();
    }

    /** Deepest history kept for the series of this signature (e.g. "close", "sma(close,10)"), or -1 if none. */
    public int historyDepth(String signature) {
        Slot slot = find(signature);
        return slot == null ? -1 : slot.maxLookback;
    }
}
