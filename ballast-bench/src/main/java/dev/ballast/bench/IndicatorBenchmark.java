package dev.ballast.bench;

import dev.ballast.engine.indicator.Ema;
import dev.ballast.engine.indicator.Rsi;
import dev.ballast.engine.indicator.Sma;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;
import org.ta4j.core.num.NumFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one bar's indicator update: Ballast's incremental {@link Sma}/{@link Ema}/{@link Rsi} (one
 * {@code update(close)} and one {@code value()}) against ta4j 0.21.0's SMA/EMA/RSI used the way a ta4j
 * strategy uses them live: add the bar to a growing {@link BarSeries}, then read
 * {@code getValue(endIndex)}. The ta4j series is capped at {@link #MAX_BARS} bars (as a live ta4j
 * setup would be) so the run's memory stays bounded. {@code ta4jAddBarOnly} isolates the cost of
 * building and adding the bar, which any ta4j indicator pays once per bar however many indicators
 * share the series. Periods: SMA and EMA 20, RSI 14. Each JMH thread has its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IndicatorBenchmark {
    static final int MAX_BARS = 1_000;
    private static final int CLOSES = 1 << 12;
    private static final int MASK = CLOSES - 1;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** ta4j's number type: DoubleNum (fast) or DecimalNum (its default, exact). */
    @Param({"DoubleNum", "DecimalNum"})
    public String ta4jNum;

    private final double[] closes = new double[CLOSES];
    private int next;

    private Sma sma;
    private Ema ema;
    private Rsi rsi;

    private BarSeries series;
    private Instant time;
    private Indicator<Num> ta4jSma;
    private Indicator<Num> ta4jEma;
    private Indicator<Num> ta4jRsi;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(7);
        double x = 100;
        for (int i = 0; i < CLOSES; i++) {
            x = Math.max(1, x + random.nextGaussian());
            // Two decimals, like a real price, so DecimalNum is not handed 17-digit noise.
            closes[i] = Math.round(x * 100) / 100.0;
        }
        sma = new Sma(20);
        ema = new Ema(20);
        rsi = new Rsi(14);

        NumFactory numFactory = "DoubleNum".equals(ta4jNum) ? DoubleNumFactory.getInstance() : DecimalNumFactory.getInstance();
        series = new BaseBarSeriesBuilder().withName("bench").withNumFactory(numFactory).withMaxBarCount(MAX_BARS).build();
        time = Instant.parse("2025-01-02T14:30:00Z");
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        ta4jSma = new SMAIndicator(close, 20);
        ta4jEma = new EMAIndicator(close, 20);
        ta4jRsi = new RSIIndicator(close, 14);
        // Warm the series past the cap and the indicators past their unstable bars.
        for (int i = 0; i < 2 * MAX_BARS; i++) {
            double c = nextClose();
            sma.update(c);
            ema.update(c);
            rsi.update(c);
            addTa4jBar(c);
            int end = series.getEndIndex();
            ta4jSma.getValue(end);
            ta4jEma.getValue(end);
            ta4jRsi.getValue(end);
        }
    }

    private double nextClose() {
        return closes[next++ & MASK];
    }

    private void addTa4jBar(double c) {
        time = time.plus(MINUTE);
        series.barBuilder().timePeriod(MINUTE).endTime(time)
                .openPrice(c).highPrice(c).lowPrice(c).closePrice(c).volume(100).add();
    }

    @Benchmark
    public double ballastSma() {
        sma.update(nextClose());
        return sma.value();
    }

    @Benchmark
    public double ballastEma() {
        ema.update(nextClose());
        return ema.value();
    }

    @Benchmark
    public double ballastRsi() {
        rsi.update(nextClose());
        return rsi.value();
    }

    @Benchmark
    public BarSeries ta4jAddBarOnly() {
        addTa4jBar(nextClose());
        return series;
    }

    @Benchmark
    public Num ta4jSma() {
        addTa4jBar(nextClose());
        return ta4jSma.getValue(series.getEndIndex());
    }

    @Benchmark
    public Num ta4jEma() {
        addTa4jBar(nextClose());
        return ta4jEma.getValue(series.getEndIndex());
    }

    @Benchmark
    public Num ta4jRsi() {
        addTa4jBar(nextClose());
        return ta4jRsi.getValue(series.getEndIndex());
    }
}
