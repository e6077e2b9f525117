package dev.ballast.engine.monitor.analytics;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Money;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Performance statistics of an equity series and the closed trades behind it; every definition is in
 * docs/analytics.md. Ratios and returns are fractions (0.05 = 5%); a figure that is undefined (no
 * variance, no loss, too few points) is null. Trade figures are null when {@code trades} was not
 * given (buy-and-hold). Immutable.
 */
public record PerformanceStatistics(double periodsPerYear, int periods, Double startEquity, Double endEquity,
                                    Double totalReturn, Double annualizedReturn, Double volatility, Double sharpe,
                                    Double sortino, Double calmar, Double maxDrawdown, Double maxDrawdownDurationDays,
                                    Integer numberOfTrades, Double winRate, Double profitFactor, Money grossProfit,
                                    Money grossLoss, Money averageWin, Money averageLoss, Money expectancy,
                                    Double exposureTime, Double turnover, Money tradedNotional, Money fees) {

    private static final double NANOS_PER_DAY = 86_400e9;
    private static final double DAYS_PER_YEAR = 365.25;
    /**
     * The shortest span, in days, whose return is annualized: compounding a shorter span's return over a
     * year gives meaningless figures (300 one-second bars raised a 0.1% return to a 200-digit "annual"
     * return), so below it annualizedReturn and calmar are null (n/a).
     */
    public static final double MIN_ANNUALIZED_SPAN_DAYS = 30;

    /** What the trades contribute; null for a series without trades (buy-and-hold). */
    public record TradeInputs(List<ClosedTrade> trades, List<Long> openSince, Money tradedNotional, Money fees) {
    }

    public static PerformanceStatistics of(Series equity, TradeInputs trades, StatisticsSettings settings) {
        double ppy = settings.periodsPerYear(equity);
        int n = equity.size();
        Double start = n == 0 ? null : equity.value(0);
        Double end = n == 0 ? null : equity.value(n - 1);
        Double total = n == 0 || equity.value(0) == 0 ? null : finite(equity.value(n - 1) / equity.value(0) - 1);
        Double cagr = null;
        if (total != null && n >= 2) {
            double days = (equity.time(n - 1) - equity.time(0)) / NANOS_PER_DAY;
            double years = days / DAYS_PER_YEAR;
            if (days >= MIN_ANNUALIZED_SPAN_DAYS && 1 + total >= 0) cagr = finite(Math.pow(1 + total, 1 / years) - 1);
        }
        // Period returns between consecutive points.
        double[] returns = new double[Math.max(0, n - 1)];
        int count = 0;
        for (int i = 1; i < n; i++) {
            double previous = equity.value(i - 1);
            if (previous != 0) returns[count++] = equity.value(i) / previous - 1;
        }
        Double volatility = null;
        Double sharpe = null;
        Double sortino = null;
        double divisorShift = settings.sampleStdDev() ? 1 : 0;
        if (count - divisorShift >= 1) {
            double mean = 0;
            for (int i = 0; i < count; i++) mean += returns[i];
            mean /= count;
            double squares = 0;
            double downside = 0;
            double rf = settings.riskFreePerPeriod(ppy);
            for (int i = 0; i < count; i++) {
                squares += (returns[i] - mean) * (returns[i] - mean);
                double below = Math.min(0, returns[i] - rf);
                downside += below * below;
            }
            double sd = Math.sqrt(squares / (count - divisorShift));
            double dd = Math.sqrt(downside / (count - divisorShift));
            volatility = finite(sd * Math.sqrt(ppy));
            if (sd > 0) sharpe = finite((mean - rf) / sd * Math.sqrt(ppy));
            if (dd > 0) sortino = finite((mean - rf) / dd * Math.sqrt(ppy));
        }
        // Max drawdown and its duration (peak to recovery, or to the end).
        Double maxDrawdown = null;
        Double duration = null;
        if (n > 0) {
            double peak = equity.value(0);
            int peakIndex = 0;
            double worst = 0;
            int worstPeak = 0;
            int worstTrough = 0;
            for (int i = 0; i < n; i++) {
                double value = equity.value(i);
                if (value > peak) {
                    peak = value;
                    peakIndex = i;
                } else if (peak > 0 && (peak - value) / peak > worst) {
                    worst = (peak - value) / peak;
                    worstPeak = peakIndex;
                    worstTrough = i;
                }
            }
            maxDrawdown = worst;
            if (worst == 0) {
                duration = 0.0;
            } else {
                double peakValue = equity.value(worstPeak);
                int recovery = n - 1;
                for (int i = worstTrough + 1; i < n; i++) {
                    if (equity.value(i) >= peakValue) {
                        recovery = i;
                        break;
                    }
                }
                duration = (equity.time(recovery) - equity.time(worstPeak)) / NANOS_PER_DAY;
            }
        }
        Double calmar = cagr != null && maxDrawdown != null && maxDrawdown > 0 ? finite(cagr / maxDrawdown) : null;
        if (trades == null) {
            return new PerformanceStatistics(ppy, count, start, end, total, cagr, volatility, sharpe, sortino, calmar,
                    maxDrawdown, duration, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        List<ClosedTrade> list = trades.trades();
        long profit = 0;
        long loss = 0;
        int wins = 0;
        int losses = 0;
        for (ClosedTrade trade : list) {
            long pnl = trade.pnl().raw();
            if (pnl > 0) {
                profit += pnl;
                wins++;
            } else if (pnl < 0) {
                loss += pnl;
                losses++;
            }
        }
        int numberOfTrades = list.size();
        Double winRate = numberOfTrades == 0 ? null : (double) wins / numberOfTrades;
        Double profitFactor = loss == 0 ? null : finite(profit / (double) -loss);
        Money averageWin = wins == 0 ? null : Money.ofRaw(FixedPoint.mulDivExact(profit, 1, wins));
        Money averageLoss = losses == 0 ? null : Money.ofRaw(FixedPoint.mulDivExact(loss, 1, losses));
        Money expectancy = numberOfTrades == 0 ? null : Money.ofRaw(FixedPoint.mulDivExact(profit + loss, 1, numberOfTrades));
        Double exposure = null;
        if (n >= 2 && equity.time(n - 1) > equity.time(0)) {
            exposure = exposure(list, trades.openSince(), equity.time(0), equity.time(n - 1));
        }
        Double turnover = null;
        if (n > 0) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += equity.value(i);
            double average = sum / n;
            if (average > 0) turnover = finite(trades.tradedNotional().toDouble() / average);
        }
        return new PerformanceStatistics(ppy, count, start, end, total, cagr, volatility, sharpe, sortino, calmar,
                maxDrawdown, duration, numberOfTrades, winRate, profitFactor, Money.ofRaw(profit), Money.ofRaw(loss),
                averageWin, averageLoss, expectancy, exposure, turnover, trades.tradedNotional(), trades.fees());
    }

    /**
     * Share of [from, to] covered by the union of the trades' [entry, exit] intervals and the open
     * positions' [entry, to].
     */
    static double exposure(List<ClosedTrade> trades, List<Long> openSince, long from, long to) {
        List<long[]> intervals = new ArrayList<>();
        for (ClosedTrade trade : trades) intervals.add(new long[] {trade.entryTime(), trade.exitTime()});
        for (long since : openSince) intervals.add(new long[] {since, to});
        intervals.sort(Comparator.comparingLong(interval -> interval[0]));
        long covered = 0;
        long reach = from;
        for (long[] interval : intervals) {
            long start = Math.max(interval[0], reach);
            long end = Math.min(interval[1], to);
            if (end > start) {
                covered += end - start;
                reach = end;
            }
        }
        return (double) covered / (to - from);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
