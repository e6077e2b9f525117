package dev.ballast.engine.monitor.analytics;

import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every statistic against values worked out by hand for a 5-point daily equity series and a 4-trade list.
 *
 * <pre>
 * day (2024-01-01 + i, 00:00 UTC)   0      1      2      3       4
 * equity                            100    110    99     108.9   103.455
 * period return                            +0.10  -0.10  +0.10   -0.05
 * </pre>
 */
class PerformanceStatisticsTest {
    private static final long DAY = 86_400_000_000_000L;
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final double EPS = 1e-9;

    private static Series fivePoints() {
        return Series.of(new long[] {T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY, T0 + 4 * DAY},
                new double[] {100, 110, 99, 108.9, 103.455});
    }

    private static ClosedTrade trade(String pnl, long entry, long exit) {
        return new ClosedTrade(StrategyId.of("s"), Symbol.of("X"), ClosedTrade.Direction.LONG, Quantity.ofUnits(1), entry,
                Price.ofUnits(1), exit, Price.ofUnits(1), Money.of(pnl), Money.ZERO, Money.of(pnl));
    }

    /*
     * Four trades: P&L +30, -10, +20, -20; intervals
     *   [d0, d1], [d0.5, d1.5]  -> union [d0, d1.5] = 1.5 days
     *   [d2, d3], [d2, d2.5]    -> union [d2, d3]   = 1.0 day
     * and one position still open since d3.5 -> [d3.5, d4] = 0.5 day.
     */
    private static PerformanceStatistics.TradeInputs fourTrades() {
        return new PerformanceStatistics.TradeInputs(List.of(
                trade("30", T0, T0 + DAY),
                trade("-10", T0 + DAY / 2, T0 + 3 * DAY / 2),
                trade("20", T0 + 2 * DAY, T0 + 3 * DAY),
                trade("-20", T0 + 2 * DAY, T0 + 5 * DAY / 2)),
                List.of(T0 + 7 * DAY / 2), Money.of("1000"), Money.of("4.5"));
    }

    @Test
    void returnsAndRiskOfTheFivePointSeries() {
        PerformanceStatistics s = PerformanceStatistics.of(fivePoints(), fourTrades(), StatisticsSettings.DEFAULT);

        // Daily bars: median spacing 1 day -> 252 periods per year.
        assertThat(s.periodsPerYear()).isEqualTo(252);
        assertThat(s.periods()).isEqualTo(4);
        // Total: 103.455 / 100 - 1 = 0.03455
        assertThat(s.totalReturn()).isCloseTo(0.03455, within(EPS));
        // CAGR: 4 days is below the minimum span of 30 days: not annualized (it would be 1.03455^(365.25 / 4) - 1,
        // about 21.2, from a short, lucky period)
        assertThat(s.annualizedReturn()).isNull();
        // Mean return: (0.10 - 0.10 + 0.10 - 0.05) / 4 = 0.0125
        // Deviations: 0.0875, -0.1125, 0.0875, -0.0625; squares 0.00765625 + 0.01265625 + 0.00765625 + 0.00390625
        //   = 0.031875; sample variance 0.031875 / 3 = 0.010625; sd = 0.10307764...
        // Volatility: sd x sqrt(252) = 0.10307764 x 15.8745079 = 1.636307...
        assertThat(s.volatility()).isCloseTo(Math.sqrt(0.010625) * Math.sqrt(252), within(EPS));
        assertThat(s.volatility()).isCloseTo(1.636307, within(1e-6));
        // Sharpe (rf 0): 0.0125 / 0.10307764 x 15.8745079 = 1.925067...
        assertThat(s.sharpe()).isCloseTo(0.0125 / Math.sqrt(0.010625) * Math.sqrt(252), within(EPS));
        assertThat(s.sharpe()).isCloseTo(1.925067, within(1e-6));
        // Sortino: downside min(0, r - 0): 0, -0.10, 0, -0.05; squares 0.01 + 0.0025 = 0.0125; / 3 = 0.00416667;
        //   dd = 0.06454972; 0.0125 / 0.06454972 x 15.8745079 = 3.074085...
        assertThat(s.sortino()).isCloseTo(0.0125 / Math.sqrt(0.0125 / 3) * Math.sqrt(252), within(EPS));
        assertThat(s.sortino()).isCloseTo(3.074085, within(1e-6));
        // Max drawdown: peak 110 (day 1), trough 99 (day 2): 11 / 110 = 0.10; later 103.455 is only 5.95% down.
        assertThat(s.maxDrawdown()).isCloseTo(0.10, within(EPS));
        // Never back to 110: duration from the peak (day 1) to the end (day 4) = 3 days.
        assertThat(s.maxDrawdownDurationDays()).isCloseTo(3.0, within(EPS));
        // Calmar: CAGR / 0.10, undefined without a CAGR
        assertThat(s.calmar()).isNull();
    }

    @Test
    void doesNotAnnualizeBelowTheMinimumSpan() {
        // 300 one-second bars gaining 0.1% in all: annualized, that was a number of some 200 digits.
        long second = 1_000_000_000L;
        long[] times = new long[300];
        double[] values = new double[300];
        for (int i = 0; i < 300; i++) {
            times[i] = T0 + i * second;
            values[i] = 100 + (i == 150 ? 0.05 : 0.1 * i / 299);
        }
        PerformanceStatistics s = PerformanceStatistics.of(Series.of(times, values), null, StatisticsSettings.DEFAULT);
        assertThat(s.totalReturn()).isCloseTo(0.001, within(EPS));
        assertThat(s.annualizedReturn()).isNull();
        assertThat(s.calmar()).isNull();
    }

    @Test
    void annualizesFromTheMinimumSpanOn() {
        // 100 -> 95 -> 102 over exactly 30 days: CAGR 1.02^(365.25 / 30) - 1; Calmar CAGR / 0.05
        Series series = Series.of(new long[] {T0, T0 + 10 * DAY, T0 + 30 * DAY}, new double[] {100, 95, 102});
        PerformanceStatistics s = PerformanceStatistics.of(series, null, StatisticsSettings.DEFAULT);
        assertThat(s.annualizedReturn()).isCloseTo(Math.pow(1.02, 365.25 / 30) - 1, within(1e-9));
        assertThat(s.calmar()).isCloseTo(s.annualizedReturn() / 0.05, within(1e-9));
        Series shorter = Series.of(new long[] {T0, T0 + 10 * DAY, T0 + 30 * DAY - 1}, new double[] {100, 95, 102});
        assertThat(PerformanceStatistics.of(shorter, null, StatisticsSettings.DEFAULT).annualizedReturn()).isNull();
    }

    @Test
    void tradeFiguresOfTheFourTrades() {
        PerformanceStatistics s = PerformanceStatistics.of(fivePoints(), fourTrades(), StatisticsSettings.DEFAULT);

        assertThat(s.numberOfTrades()).isEqualTo(4);
        // Wins: +30, +20 -> 2 of 4 = 0.5
        assertThat(s.winRate()).isEqualTo(0.5);
        // Gross profit 50, gross loss -30; profit factor 50 / 30 = 1.6667
        assertThat(s.grossProfit()).isEqualTo(Money.of("50"));
        assertThat(s.grossLoss()).isEqualTo(Money.of("-30"));
        assertThat(s.profitFactor()).isCloseTo(50.0 / 30.0, within(EPS));
        // Average win 50 / 2 = 25; average loss -30 / 2 = -15; expectancy (30 - 10 + 20 - 20) / 4 = 5
        assertThat(s.averageWin()).isEqualTo(Money.of("25"));
        assertThat(s.averageLoss()).isEqualTo(Money.of("-15"));
        assertThat(s.expectancy()).isEqualTo(Money.of("5"));
        // Exposure: (1.5 + 1.0 + 0.5) days of 4 = 0.75
        assertThat(s.exposureTime()).isCloseTo(0.75, within(EPS));
        // Turnover: 1000 / mean equity (100 + 110 + 99 + 108.9 + 103.455) / 5 = 104.271 -> 9.590394...
        assertThat(s.turnover()).isCloseTo(1000 / 104.271, within(EPS));
        assertThat(s.fees()).isEqualTo(Money.of("4.5"));
        assertThat(s.tradedNotional()).isEqualTo(Money.of("1000"));
    }

    @Test
    void populationDeviationAndRiskFreeRate() {
        StatisticsSettings settings = new StatisticsSettings(null, 0.05, false);
        PerformanceStatistics s = PerformanceStatistics.of(fivePoints(), null, settings);

        // Population variance 0.031875 / 4 = 0.00796875
        double sd = Math.sqrt(0.031875 / 4);
        assertThat(s.volatility()).isCloseTo(sd * Math.sqrt(252), within(EPS));
        // rf per period: 1.05^(1/252) - 1 = 0.000193630...
        double rf = Math.pow(1.05, 1.0 / 252) - 1;
        assertThat(rf).isCloseTo(0.00019363, within(1e-8));
        assertThat(s.sharpe()).isCloseTo((0.0125 - rf) / sd * Math.sqrt(252), within(EPS));
        // Downside below rf: r - rf for 0.10, -0.10, 0.10, -0.05 -> only the two negative ones count.
        double downside = Math.pow(-0.10 - rf, 2) + Math.pow(-0.05 - rf, 2);
        assertThat(s.sortino()).isCloseTo((0.0125 - rf) / Math.sqrt(downside / 4) * Math.sqrt(252), within(EPS));
        // Without trades: trade figures are absent
        assertThat(s.numberOfTrades()).isNull();
        assertThat(s.winRate()).isNull();
    }

    @Test
    void undefinedFiguresAreNull() {
        // Flat equity: no variance (no Sharpe), no drawdown (no Calmar); only wins: no profit factor.
        Series flat = Series.of(new long[] {T0, T0 + DAY, T0 + 2 * DAY}, new double[] {100, 100, 100});
        PerformanceStatistics s = PerformanceStatistics.of(flat, new PerformanceStatistics.TradeInputs(
                List.of(trade("5", T0, T0 + DAY)), List.of(), Money.ZERO, Money.ZERO), StatisticsSettings.DEFAULT);
        assertThat(s.volatility()).isZero();
        assertThat(s.sharpe()).isNull();
        assertThat(s.sortino()).isNull();
        assertThat(s.maxDrawdown()).isZero();
        assertThat(s.maxDrawdownDurationDays()).isZero();
        assertThat(s.calmar()).isNull();
        assertThat(s.profitFactor()).isNull();
        assertThat(s.averageLoss()).isNull();
    }

    @Test
    void drawdownDurationEndsAtRecovery() {
        // 100 (d0), 120 (d1, peak), 90 (d2, -25%), 110 (d3), 121 (d5, back above 120): duration d1 -> d5 = 4 days
        Series series = Series.of(new long[] {T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY, T0 + 5 * DAY},
                new double[] {100, 120, 90, 110, 121});
        PerformanceStatistics s = PerformanceStatistics.of(series, null, StatisticsSettings.DEFAULT);
        assertThat(s.maxDrawdown()).isCloseTo(0.25, within(EPS));
        assertThat(s.maxDrawdownDurationDays()).isCloseTo(4.0, within(EPS));
    }

    @Test
    void annualizationRuleFollowsTheMedianBarSpacing() {
        long minute = 60_000_000_000L;
        // Minute bars: 252 x 6.5 x 3600 / 60 = 98,280
        assertThat(StatisticsSettings.derivePeriodsPerYear(Series.of(new long[] {0, minute, 2 * minute},
                new double[] {1, 1, 1}))).isCloseTo(98_280, within(1e-6));
        // Hourly: 252 x 6.5 = 1,638
        assertThat(StatisticsSettings.derivePeriodsPerYear(Series.of(new long[] {0, 60 * minute, 120 * minute},
                new double[] {1, 1, 1}))).isCloseTo(1_638, within(1e-6));
        // Daily with a weekend gap: gaps 1, 1, 3, 1 days -> median 1 day -> 252
        assertThat(StatisticsSettings.derivePeriodsPerYear(Series.of(new long[] {0, DAY, 2 * DAY, 5 * DAY, 6 * DAY},
                new double[] {1, 1, 1, 1, 1}))).isEqualTo(252);
        // Weekly: 52; monthly (30-day gaps): 12
        assertThat(StatisticsSettings.derivePeriodsPerYear(Series.of(new long[] {0, 7 * DAY, 14 * DAY},
                new double[] {1, 1, 1}))).isEqualTo(52);
        assertThat(StatisticsSettings.derivePeriodsPerYear(Series.of(new long[] {0, 30 * DAY, 61 * DAY},
                new double[] {1, 1, 1}))).isEqualTo(12);
        // Configured wins
        assertThat(new StatisticsSettings(365.0, 0, true).periodsPerYear(fivePoints())).isEqualTo(365);
    }

    @Test
    void returnsByDayMonthAndYearCompound() {
        /*
         * 2023-12-31 10:00  100     (first point: the base)
         * 2023-12-31 16:00  102     -> day 2023-12-31: 102 / 100 - 1 = 0.02
         * 2024-01-02 12:00  101     -> day 2024-01-02: 101 / 102 - 1
         * 2024-01-31 12:00  103.02  -> day 2024-01-31: 103.02 / 101 - 1 = 0.02
         * 2024-02-01 12:00  99      -> day 2024-02-01: 99 / 103.02 - 1
         * months: 2023-12: 0.02; 2024-01: 103.02 / 102 - 1 = 0.01; 2024-02: 99 / 103.02 - 1
         * years:  2023: 0.02; 2024: 99 / 102 - 1
         */
        long h = 3_600_000_000_000L;
        long dec31 = Instant.parse("2023-12-31T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        long jan2 = Instant.parse("2024-01-02T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        long jan31 = Instant.parse("2024-01-31T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        long feb1 = Instant.parse("2024-02-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        Series series = Series.of(new long[] {dec31 + 10 * h, dec31 + 16 * h, jan2 + 12 * h, jan31 + 12 * h, feb1 + 12 * h},
                new double[] {100, 102, 101, 103.02, 99});
        PeriodReturns r = PeriodReturns.of(series);

        assertThat(r.daily()).extracting(PeriodReturns.Daily::date).containsExactly(LocalDate.parse("2023-12-31"),
                LocalDate.parse("2024-01-02"), LocalDate.parse("2024-01-31"), LocalDate.parse("2024-02-01"));
        assertThat(r.daily().get(0).value()).isCloseTo(0.02, within(EPS));
        assertThat(r.daily().get(1).value()).isCloseTo(101 / 102.0 - 1, within(EPS));
        assertThat(r.daily().get(2).value()).isCloseTo(0.02, within(EPS));
        assertThat(r.daily().get(3).value()).isCloseTo(99 / 103.02 - 1, within(EPS));
        assertThat(r.monthly()).hasSize(3);
        assertThat(r.monthly().get(0)).extracting(PeriodReturns.Monthly::year, PeriodReturns.Monthly::month)
                .containsExactly(2023, 12);
        assertThat(r.monthly().get(0).value()).isCloseTo(0.02, within(EPS));
        assertThat(r.monthly().get(1).value()).isCloseTo(0.01, within(EPS));
        assertThat(r.monthly().get(2).value()).isCloseTo(99 / 103.02 - 1, within(EPS));
        assertThat(r.yearly()).extracting(PeriodReturns.Yearly::year).containsExactly(2023, 2024);
        assertThat(r.yearly().get(0).value()).isCloseTo(0.02, within(EPS));
        assertThat(r.yearly().get(1).value()).isCloseTo(99 / 102.0 - 1, within(EPS));
    }
}
