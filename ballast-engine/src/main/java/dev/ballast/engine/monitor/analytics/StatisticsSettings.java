package dev.ballast.engine.monitor.analytics;

import java.util.Arrays;

/**
 * How the performance statistics are defined (see docs/analytics.md). Immutable.
 *
 * @param periodsPerYear annualization factor: periods (bars) per year; null derives it from the median bar
 *                       spacing with {@link #derivePeriodsPerYear}
 * @param riskFreeRate   annual risk-free rate as a fraction (0.02 = 2%); per period it is
 *                       (1 + rate)^(1 / periodsPerYear) - 1
 * @param sampleStdDev   true: sample standard deviation (divide by n - 1); false: population (divide by n)
 */
public record StatisticsSettings(Double periodsPerYear, double riskFreeRate, boolean sampleStdDev) {
    public static final StatisticsSettings DEFAULT = new StatisticsSettings(null, 0.0, true);

    private static final long DAY = 86_400_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;
    /** Trading seconds in a year: 252 sessions of 6.5 hours. */
    public static final double TRADING_SECONDS_PER_YEAR = 252 * 6.5 * 3600;

    public StatisticsSettings {
        if (periodsPerYear != null && !(periodsPerYear > 0)) {
            throw new IllegalArgumentException("periodsPerYear must be positive: " + periodsPerYear);
        }
        if (!Double.isFinite(riskFreeRate) || riskFreeRate <= -1) {
            throw new IllegalArgumentException("riskFreeRate must be a finite fraction > -1: " + riskFreeRate);
        }
    }

    /** The factor to use for a series with these times: the configured one, or the derived one. */
    public double periodsPerYear(Series series) {
        return periodsPerYear != null ? periodsPerYear : derivePeriodsPerYear(series);
    }

    /**
     * The annualization rule from the median spacing d of consecutive points: d >= 300 days: 1 (yearly);
     * >= 80 days: 4 (quarterly); >= 25 days: 12 (monthly); >= 5 days: 52 (weekly); >= 20 hours: 252 (daily);
     * shorter (intraday): 252 x 6.5 x 3600 / d in seconds (1-minute bars: 98,280; hourly: 1,638). Fewer than
     * two points: 252.
     */
    public static double derivePeriodsPerYear(Series series) {
        if (series.size() < 2) return 252;
        long[] gaps = new long[series.size() - 1];
        for (int i = 1; i < series.size(); i++) gaps[i - 1] = series.time(i) - series.time(i - 1);
        Arrays.sort(gaps);
        int n = gaps.length;
        double median = n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] / 2.0 + gaps[n / 2] / 2.0);
        if (median >= 300.0 * DAY) return 1;
        if (median >= 80.0 * DAY) return 4;
        if (median >= 25.0 * DAY) return 12;
        if (median >= 5.0 * DAY) return 52;
        if (median >= 20.0 * HOUR) return 252;
        if (median <= 0) return 252;
        return TRADING_SECONDS_PER_YEAR / (median / 1e9);
    }

    /** The risk-free rate per period. */
    public double riskFreePerPeriod(double periodsPerYear) {
        return Math.pow(1 + riskFreeRate, 1 / periodsPerYear) - 1;
    }
}
