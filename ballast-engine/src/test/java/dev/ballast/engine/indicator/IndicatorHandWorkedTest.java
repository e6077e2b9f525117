package dev.ballast.engine.indicator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Indicator values checked against arithmetic done by hand (the working is in the comments). */
class IndicatorHandWorkedTest {
    private static final double EPS = 1e-12;

    @Test
    void emaIsSeededWithTheSmaThenSmoothsWithAlphaTwoOverPeriodPlusOne() {
        // period 3 -> alpha = 2 / 4 = 0.5
        Ema ema = new Ema(3);
        assertThat(ema.alpha()).isEqualTo(0.5);
        ema.update(1);
        ema.update(2);
        assertThat(ema.isReady()).isFalse();
        assertThat(ema.value()).isNaN();
        ema.update(3);
        // seed = (1 + 2 + 3) / 3 = 2
        assertThat(ema.isReady()).isTrue();
        assertThat(ema.value()).isCloseTo(2.0, within(EPS));
        ema.update(4);
        // 2 + 0.5 * (4 - 2) = 3
        assertThat(ema.value()).isCloseTo(3.0, within(EPS));
        ema.update(5);
        // 3 + 0.5 * (5 - 3) = 4
        assertThat(ema.value()).isCloseTo(4.0, within(EPS));
        ema.update(0);
        // 4 + 0.5 * (0 - 4) = 2
        assertThat(ema.value()).isCloseTo(2.0, within(EPS));
        assertThat(ema.count()).isEqualTo(6);
    }

    @Test
    void rsiUsesWilderSmoothingAndIsReadyAfterPeriodPlusOneValues() {
        Rsi rsi = new Rsi(3);
        // values 10, 11, 10.5, 11.5 -> changes +1, -0.5, +1
        rsi.update(10);
        rsi.update(11);
        rsi.update(10.5);
        assertThat(rsi.isReady()).isFalse();
        assertThat(rsi.value()).isNaN();
        rsi.update(11.5);
        // avgGain = (1 + 0 + 1) / 3 = 2/3, avgLoss = (0 + 0.5 + 0) / 3 = 1/6
        // RS = (2/3) / (1/6) = 4 -> RSI = 100 - 100 / 5 = 80
        assertThat(rsi.isReady()).isTrue();
        assertThat(rsi.value()).isCloseTo(80.0, within(1e-9));
        rsi.update(11);
        // change -0.5: avgGain = (2/3 * 2 + 0) / 3 = 4/9, avgLoss = (1/6 * 2 + 0.5) / 3 = 5/18
        // RS = (4/9) / (5/18) = 1.6 -> RSI = 100 - 100 / 2.6 = 61.538461538...
        assertThat(rsi.value()).isCloseTo(100.0 - 100.0 / 2.6, within(1e-9));
    }

    @Test
    void rsiIsHundredWithoutLossesAndDefaultsToFourteen() {
        Rsi rsi = new Rsi();
        assertThat(rsi.period()).isEqualTo(14);
        for (int i = 0; i < 14; i++) rsi.update(100 + i);
        assertThat(rsi.isReady()).isFalse();
        rsi.update(114);
        // 14 gains of 1, no losses: avgLoss = 0 -> 100
        assertThat(rsi.value()).isEqualTo(100.0);

        Rsi flat = new Rsi(2);
        flat.update(5);
        flat.update(5);
        flat.update(5);
        // no changes at all: avgLoss = 0 -> 100 by the documented convention
        assertThat(flat.value()).isEqualTo(100.0);

        Rsi falling = new Rsi(2);
        falling.update(5);
        falling.update(4);
        falling.update(3);
        // avgGain = 0, avgLoss = 1 -> RS = 0 -> RSI = 0
        assertThat(falling.value()).isEqualTo(0.0);
    }

    @Test
    void rollingStdDevIsTheSampleDeviation() {
        RollingStdDev sd = new RollingStdDev(3);
        sd.update(2);
        sd.update(4);
        assertThat(sd.value()).isNaN();
        sd.update(4);
        // window 2, 4, 4: mean 10/3, deviations -4/3, 2/3, 2/3
        // squares 16/9 + 4/9 + 4/9 = 24/9; / (3 - 1) = 4/3; sqrt = 1.1547005383792515
        assertThat(sd.value()).isCloseTo(Math.sqrt(4.0 / 3.0), within(EPS));
        assertThat(sd.mean()).isCloseTo(10.0 / 3.0, within(EPS));
        sd.update(4);
        // window 4, 4, 4: 0
        assertThat(sd.value()).isCloseTo(0.0, within(EPS));
        sd.update(5);
        // window 4, 4, 5: mean 13/3, deviations -1/3, -1/3, 2/3 -> 6/9 / 2 = 1/3 -> sqrt = 0.57735...
        assertThat(sd.value()).isCloseTo(Math.sqrt(1.0 / 3.0), within(EPS));
        assertThatThrownBy(() -> new RollingStdDev(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateOfChangeComparesWithTheValuePeriodBarsBack() {
        RateOfChange roc = new RateOfChange(2);
        roc.update(100);
        roc.update(110);
        assertThat(roc.isReady()).isFalse();
        roc.update(121);
        // 121 / 100 - 1 = 0.21
        assertThat(roc.value()).isCloseTo(0.21, within(EPS));
        roc.update(99);
        // 99 / 110 - 1 = -0.1
        assertThat(roc.value()).isCloseTo(-0.1, within(EPS));
        roc.update(121);
        // 121 / 121 - 1 = 0
        assertThat(roc.value()).isCloseTo(0.0, within(EPS));
    }

    @Test
    void highestAndLowestTrackTheWindowExtremes() {
        double[] xs = {1, 3, 2, 5, 4, 1, 0};
        // windows of 3: [1,3,2] [3,2,5] [2,5,4] [5,4,1] [4,1,0]
        double[] highs = {3, 5, 5, 5, 4};
        double[] lows = {1, 2, 2, 1, 0};
        Highest hi = new Highest(3);
        Lowest lo = new Lowest(3);
        for (int i = 0; i < xs.length; i++) {
            hi.update(xs[i]);
            lo.update(xs[i]);
            if (i < 2) {
                assertThat(hi.value()).isNaN();
                assertThat(lo.value()).isNaN();
            } else {
                assertThat(hi.value()).as("highest at %d", i).isEqualTo(highs[i - 2]);
                assertThat(lo.value()).as("lowest at %d", i).isEqualTo(lows[i - 2]);
            }
        }
    }

    @Test
    void smaAveragesTheWindow() {
        Sma sma = new Sma(2);
        sma.update(1);
        assertThat(sma.value()).isNaN();
        sma.update(3);
        // (1 + 3) / 2 = 2
        assertThat(sma.value()).isCloseTo(2.0, within(EPS));
        sma.update(7);
        // (3 + 7) / 2 = 5
        assertThat(sma.value()).isCloseTo(5.0, within(EPS));
    }

    @Test
    void lookbackReturnsEarlierOutputs() {
        Lookback sma = new Lookback(new Sma(2), 3);
        sma.update(1);
        sma.update(3);
        sma.update(7);
        sma.update(9);
        // SMA(2) outputs: NaN, 2, 5, 8
        assertThat(sma.value()).isEqualTo(8.0);
        assertThat(sma.value(0)).isEqualTo(8.0);
        assertThat(sma.value(1)).isEqualTo(5.0);
        assertThat(sma.value(2)).isEqualTo(2.0);
        assertThatThrownBy(() -> sma.value(3)).isInstanceOf(IndexOutOfBoundsException.class);
        Lookback fresh = new Lookback(new Sma(2), 2);
        fresh.update(1);
        assertThat(fresh.value(0)).isNaN();
        assertThat(fresh.value(1)).isNaN();
    }

    @Test
    void factoryMakesEveryIndicator() {
        Indicators f = Indicators.INSTANCE;
        assertThat(f.ema(5).period()).isEqualTo(5);
        assertThat(f.rsi().period()).isEqualTo(14);
        assertThat(f.rsi(7).period()).isEqualTo(7);
        assertThat(f.stdDev(5).period()).isEqualTo(5);
        assertThat(f.rateOfChange(5).period()).isEqualTo(5);
        assertThat(f.highest(5).period()).isEqualTo(5);
        assertThat(f.lowest(5).period()).isEqualTo(5);
        assertThat(f.lookback(f.sma(3), 4).depth()).isEqualTo(4);
    }
}
