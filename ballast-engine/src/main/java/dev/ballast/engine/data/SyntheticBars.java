package dev.ballast.engine.data;

import dev.ballast.model.EpochNanos;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates plausible, reproducible bars for tests and benchmarks: per symbol a geometric random walk
 * (normal log returns) whose volatility switches between a calm and a turbulent regime by a two-state
 * Markov chain, with lognormal volume that rises with the size of the move and follows a U shape over
 * each session. Prices are rounded to a 0.01 tick, never below one tick, with low &lt;= open, close
 * &lt;= high. Bars of all symbols are interleaved by time: every symbol's bar at one time, in symbol
 * order, then the next time. The same settings and seed give the same bars, bit for bit; double is used
 * only inside the walk, every bar value is fixed-point.
 *
 * <p>Built with {@link #builder()}. Immutable and thread-safe; each {@link #iterator()} is an
 * independent, not thread-safe replay from the start.
 */
public final class SyntheticBars implements Iterable<Bar> {
    /** The price grid every generated price lies on: 0.01. */
    public static final long TICK_RAW = FixedPoint.SCALE / 100;

    private final long seed;
    private final List<Symbol> symbols;
    private final long barsPerSymbol;
    private final long startNanos;
    private final long intervalNanos;
    private final double initialPrice;
    private final double drift;
    private final double calmVolatility;
    private final double turbulentVolatility;
    private final double calmToTurbulent;
    private final double turbulentToCalm;
    private final double meanVolume;
    private final double volumeDispersion;
    private final double volumeMoveSensitivity;
    private final int barsPerSession;

    private SyntheticBars(Builder b) {
        this.seed = b.seed;
        this.symbols = b.symbols != null ? List.copyOf(b.symbols) : names(b.symbolCount);
        if (symbols.isEmpty()) throw new IllegalArgumentException("need at least one symbol");
        if (b.barsPerSymbol < 0) throw new IllegalArgumentException("barsPerSymbol must not be negative");
        if (b.interval.isNegative() || b.interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        if (!(b.initialPrice > 0)) throw new IllegalArgumentException("initialPrice must be positive");
        requireProbability(b.calmToTurbulent, "calmToTurbulent");
        requireProbability(b.turbulentToCalm, "turbulentToCalm");
        this.barsPerSymbol = b.barsPerSymbol;
        this.startNanos = EpochNanos.of(b.start);
        this.intervalNanos = b.interval.toNanos();
        this.initialPrice = b.initialPrice;
        this.drift = b.drift;
        this.calmVolatility = b.calmVolatility;
        this.turbulentVolatility = b.turbulentVolatility;
        this.calmToTurbulent = b.calmToTurbulent;
        this.turbulentToCalm = b.turbulentToCalm;
        this.meanVolume = b.meanVolume;
        this.volumeDispersion = b.volumeDispersion;
        this.volumeMoveSensitivity = b.volumeMoveSensitivity;
        this.barsPerSession = b.barsPerSession;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static List<Symbol> names(int count) {
        if (count < 1) throw new IllegalArgumentException("need at least one symbol");
        List<Symbol> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) names.add(Symbol.of(String.format("SYM%03d", i)));
        return List.copyOf(names);
    }

    private static void requireProbability(double p, String name) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(name + " must be a probability: " + p);
    }

    public List<Symbol> symbols() {
        return symbols;
    }

    /** All bars of all symbols. */
    public long size() {
        return Math.multiplyExact(barsPerSymbol, symbols.size());
    }

    /** Every bar at once, interleaved by time; for in-memory benchmarks. */
    public Bar[] toArray() {
        long size = size();
        if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException(size + " bars do not fit in an array");
        Bar[] bars = new Bar[(int) size];
        Iterator<Bar> it = iterator();
        for (int i = 0; i < bars.length; i++) bars[i] = it.next();
        return bars;
    }

    /** The bars as a source, generated as they are read. */
    public MarketDataSource asSource() {
        Iterator<Bar> it = iterator();
        SkippedRows none = new SkippedRows();
        return new MarketDataSource() {
            @Override
            public Bar next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public SkippedRows skippedRows() {
                return none;
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }

    /** A replay from the start: bars in time order, symbols in the given order within one time. */
    @Override
    public Iterator<Bar> iterator() {
        return new Generator();
    }

    /** The walk of all symbols; each symbol draws from its own split of the seed. */
    private final class Generator implements Iterator<Bar> {
        private final Walk[] walks;
        private long step;
        private int symbolIndex;

        Generator() {
            SplittableRandom root = new SplittableRandom(seed);
            walks = new Walk[symbols.size()];
            for (int s = 0; s < walks.length; s++) walks[s] = new Walk(symbols.get(s), root.split());
        }

        @Override
        public boolean hasNext() {
            return step < barsPerSymbol;
        }

        @Override
        public Bar next() {
            if (step >= barsPerSymbol) throw new NoSuchElementException();
            Bar bar = walks[symbolIndex].next(step, startNanos + step * intervalNanos);
            if (++symbolIndex == walks.length) {
                symbolIndex = 0;
                step++;
            }
            return bar;
        }
    }

    /** One symbol's price path. */
    private final class Walk {
        private final Symbol symbol;
        private final SplittableRandom random;
        private double price;
        private boolean turbulent;

        Walk(Symbol symbol, SplittableRandom random) {
            this.symbol = symbol;
            this.random = random;
            // Spread starting prices so symbols do not all sit at the same level.
            this.price = toDouble(toTick(initialPrice * Math.exp(0.5 * random.nextGaussian())));
        }

        Bar next(long step, long timestamp) {
            if (turbulent ? random.nextDouble() < turbulentToCalm : random.nextDouble() < calmToTurbulent) turbulent = !turbulent;
            double sigma = turbulent ? turbulentVolatility : calmVolatility;
            double logReturn = drift - 0.5 * sigma * sigma + sigma * random.nextGaussian();
            double open = price;
            double close = open * Math.exp(logReturn);
            double high = Math.max(open, close) * Math.exp(0.5 * sigma * Math.abs(random.nextGaussian()));
            double low = Math.min(open, close) * Math.exp(-0.5 * sigma * Math.abs(random.nextGaussian()));
            long o = toTick(open);
            long c = toTick(close);
            long h = Math.max(toTick(high), Math.max(o, c));
            long l = Math.min(toTick(low), Math.min(o, c));
            price = toDouble(c);

            double session = (step % barsPerSession + 0.5) / barsPerSession;
            double uShape = 0.6 + 1.6 * (2 * session - 1) * (2 * session - 1);
            double moveSize = calmVolatility > 0 ? Math.abs(logReturn) / calmVolatility : 0;
            double logVolume = -0.5 * volumeDispersion * volumeDispersion + volumeDispersion * random.nextGaussian()
                    + volumeMoveSensitivity * moveSize;
            long volume = Math.max(1, Math.round(meanVolume * uShape * Math.exp(logVolume)));
            return new Bar(symbol, timestamp, new Price(o), new Price(h), new Price(l), new Price(c), Quantity.ofUnits(volume));
        }
    }

    private static long toTick(double value) {
        long raw = FixedPoint.fromDouble(value);
        long ticks = Math.floorDiv(raw + TICK_RAW / 2, TICK_RAW);
        return Math.max(1, ticks) * TICK_RAW;
    }

    private static double toDouble(long raw) {
        return FixedPoint.toDouble(raw);
    }

    /** Settings for {@link SyntheticBars}; defaults give one-minute bars of a calm large-cap stock. Not thread-safe. */
    public static final class Builder {
        private long seed = 42;
        private int symbolCount = 1;
        private List<Symbol> symbols;
        private long barsPerSymbol = 1_000;
        private Instant start = Instant.parse("2024-01-02T14:30:00Z");
        private Duration interval = Duration.ofMinutes(1);
        private double initialPrice = 100;
        private double drift;
        private double calmVolatility = 0.001;
        private double turbulentVolatility = 0.004;
        private double calmToTurbulent = 0.002;
        private double turbulentToCalm = 0.02;
        private double meanVolume = 10_000;
        private double volumeDispersion = 0.5;
        private double volumeMoveSensitivity = 0.3;
        private int barsPerSession = 390;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Symbols named SYM000, SYM001, ... */
        public Builder symbols(int count) {
            this.symbolCount = count;
            this.symbols = null;
            return this;
        }

        public Builder symbols(List<Symbol> symbols) {
            this.symbols = List.copyOf(symbols);
            return this;
        }

        public Builder barsPerSymbol(long bars) {
            this.barsPerSymbol = bars;
            return this;
        }

        /** Timestamp of the first bar. */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start);
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval);
            return this;
        }

        /** Typical starting price; each symbol starts at a random multiple around it. */
        public Builder initialPrice(double price) {
            this.initialPrice = price;
            return this;
        }

        /** Expected log return per bar. */
        public Builder drift(double drift) {
            this.drift = drift;
            return this;
        }

        /** Standard deviation of the log return per bar in the calm and the turbulent regime. */
        public Builder volatility(double calm, double turbulent) {
            this.calmVolatility = calm;
            this.turbulentVolatility = turbulent;
            return this;
        }

        /** Per-bar probabilities of switching from calm to turbulent and back. */
        public Builder regimeSwitching(double calmToTurbulent, double turbulentToCalm) {
            this.calmToTurbulent = calmToTurbulent;
            this.turbulentToCalm = turbulentToCalm;
            return this;
        }

        /**
         * Volume: mean units per bar, lognormal dispersion, and how strongly volume grows with the move
         * (per calm standard deviation of the absolute log return).
         */
        public Builder volume(double mean, double dispersion, double moveSensitivity) {
            this.meanVolume = mean;
            this.volumeDispersion = dispersion;
            this.volumeMoveSensitivity = moveSensitivity;
            return this;
        }

        /** Bars per trading session, the period of the U-shaped volume profile. */
        public Builder barsPerSession(int bars) {
            if (bars < 1) throw new IllegalArgumentException("barsPerSession must be positive");
            this.barsPerSession = bars;
            return this;
        }

        public SyntheticBars build() {
            return new SyntheticBars(this);
        }
    }
}
