package dev.ballast.engine.monitor.analytics;

import dev.ballast.model.EpochNanos;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Returns by UTC calendar day, month and year, compounded from an equity series: each period's closing
 * equity is the last point in it; a period's return is its closing equity over the previous period's
 * closing equity, minus one; the first period is measured from the series' first point. So the product
 * of (1 + r) over any of the three lists is the series' total growth. Immutable.
 */
public record PeriodReturns(List<Daily> daily, List<Monthly> monthly, List<Yearly> yearly) {
    public record Daily(LocalDate date, double value) {
    }

    public record Monthly(int year, int month, double value) {
    }

    public record Yearly(int year, double value) {
    }

    public static PeriodReturns of(Series series) {
        List<Daily> daily = new ArrayList<>();
        List<Monthly> monthly = new ArrayList<>();
        List<Yearly> yearly = new ArrayList<>();
        if (series.size() == 0) return new PeriodReturns(daily, monthly, yearly);
        double base = series.value(0);
        double dayBase = base;
        double monthBase = base;
        double yearBase = base;
        LocalDate current = date(series.time(0));
        double last = base;
        for (int i = 0; i < series.size(); i++) {
            LocalDate date = date(series.time(i));
            if (!date.equals(current)) {
                daily.add(new Daily(current, last / dayBase - 1));
                dayBase = last;
                if (date.getMonthValue() != current.getMonthValue() || date.getYear() != current.getYear()) {
                    monthly.add(new Monthly(current.getYear(), current.getMonthValue(), last / monthBase - 1));
                    monthBase = last;
                }
                if (date.getYear() != current.getYear()) {
                    yearly.add(new Yearly(current.getYear(), last / yearBase - 1));
                    yearBase = last;
                }
                current = date;
            }
            last = series.value(i);
        }
        daily.add(new Daily(current, last / dayBase - 1));
        monthly.add(new Monthly(current.getYear(), current.getMonthValue(), last / monthBase - 1));
        yearly.add(new Yearly(current.getYear(), last / yearBase - 1));
        return new PeriodReturns(List.copyOf(daily), List.copyOf(monthly), List.copyOf(yearly));
    }

    static LocalDate date(long epochNanos) {
        return LocalDate.ofInstant(EpochNanos.toInstant(epochNanos), ZoneOffset.UTC);
    }
}
