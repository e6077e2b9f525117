package dev.ballast.runtime.results;

import dev.ballast.engine.monitor.analytics.ExecutionQuality;
import dev.ballast.engine.monitor.analytics.PerformanceStatistics;
import dev.ballast.engine.monitor.analytics.PeriodReturns;
import dev.ballast.engine.monitor.analytics.RunAnalytics;
import dev.ballast.engine.monitor.analytics.StatisticsSettings;
import dev.ballast.model.Money;
import dev.ballast.model.StrategyId;
import dev.ballast.model.event.ExecutionAlert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytics sections of results.json: performance, returns, executionQuality and alerts (see
 * docs/results-schema.md). Ratios as JSON numbers, money as exact decimal text, undefined figures as null.
 */
final class AnalyticsJson {
    private AnalyticsJson() {}

    static void put(Map<String, Object> root, RunAnalytics analytics) {
        Map<String, Object> performance = new LinkedHashMap<>();
        performance.put("definitions", definitions(analytics.settings(), analytics.account()));
        performance.put("account", statistics(analytics.account()));
        Map<String, Object> strategies = new LinkedHashMap<>();
        for (Map.Entry<StrategyId, PerformanceStatistics> entry : analytics.strategies().entrySet()) {
            strategies.put(entry.getKey().value(), statistics(entry.getValue()));
        }
        performance.put("strategies", strategies);
        performance.put("buyAndHold", statistics(analytics.buyAndHold()));
        root.put("performance", performance);
        root.put("returns", returns(analytics.returns()));
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("account", aggregate(analytics.executionAccount()));
        execution.put("byStrategy", aggregates(analytics.byStrategy()));
        execution.put("bySymbol", aggregates(analytics.bySymbol()));
        execution.put("byBroker", aggregates(analytics.byBroker()));
        root.put("executionQuality", execution);
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (ExecutionAlert alert : analytics.alerts()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", alert.kind().name());
            entry.put("order", alert.orderId().value());
            entry.put("strategy", alert.strategyId().value());
            entry.put("symbol", alert.symbol().value());
            entry.put("value", number(alert.value()));
            entry.put("limit", number(alert.limit()));
            entry.put("detail", alert.detail());
            entry.put("time", ResultWriter.time(alert.timestamp()));
            alerts.add(entry);
        }
        root.put("alerts", alerts);
    }

    private static Map<String, Object> definitions(StatisticsSettings settings, PerformanceStatistics account) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("periodsPerYear", number(account.periodsPerYear()));
        map.put("periodsPerYearSource", settings.periodsPerYear() == null ? "medianBarSpacing" : "configured");
        map.put("riskFreeRate", number(settings.riskFreeRate()));
        map.put("standardDeviation", settings.sampleStdDev() ? "sample" : "population");
        map.put("daysPerYear", 365.25);
        map.put("minAnnualizedSpanDays", PerformanceStatistics.MIN_ANNUALIZED_SPAN_DAYS);
        map.put("calendarTimeZone", "UTC");
        map.put("tradeMatching", "FIFO");
        map.put("reference", "docs/analytics.md");
        return map;
    }

    static Map<String, Object> statistics(PerformanceStatistics s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("periods", s.periods());
        map.put("totalReturn", number(s.totalReturn()));
        map.put("annualizedReturn", number(s.annualizedReturn()));
        map.put("volatility", number(s.volatility()));
        map.put("sharpe", number(s.sharpe()));
        map.put("sortino", number(s.sortino()));
        map.put("calmar", number(s.calmar()));
        map.put("maxDrawdown", number(s.maxDrawdown()));
        map.put("maxDrawdownDurationDays", number(s.maxDrawdownDurationDays()));
        map.put("numberOfTrades", s.numberOfTrades());
        map.put("winRate", number(s.winRate()));
        map.put("profitFactor", number(s.profitFactor()));
        map.put("grossProfit", money(s.grossProfit()));
        map.put("grossLoss", money(s.grossLoss()));
        map.put("averageWin", money(s.averageWin()));
        map.put("averageLoss", money(s.averageLoss()));
        map.put("expectancy", money(s.expectancy()));
        map.put("exposureTime", number(s.exposureTime()));
        map.put("turnover", number(s.turnover()));
        map.put("tradedNotional", money(s.tradedNotional()));
        map.put("fees", money(s.fees()));
        return map;
    }

    private static Map<String, Object> returns(PeriodReturns returns) {
        List<Map<String, Object>> daily = new ArrayList<>();
        for (PeriodReturns.Daily d : returns.daily()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("date", d.date().toString());
            entry.put("return", number(d.value()));
            daily.add(entry);
        }
        List<Map<String, Object>> monthly = new ArrayList<>();
        for (PeriodReturns.Monthly m : returns.monthly()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("year", m.year());
            entry.put("month", m.month());
            entry.put("return", number(m.value()));
            monthly.add(entry);
        }
        List<Map<String, Object>> yearly = new ArrayList<>();
        for (PeriodReturns.Yearly y : returns.yearly()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("year", y.year());
            entry.put("return", number(y.value()));
            yearly.add(entry);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("daily", daily);
        map.put("monthly", monthly);
        map.put("yearly", yearly);
        return map;
    }

    private static Map<String, Object> aggregates(Map<String, ExecutionQuality.Aggregate> groups) {
        Map<String, Object> map = new LinkedHashMap<>();
        groups.forEach((key, aggregate) -> map.put(key, aggregate(aggregate)));
        return map;
    }

    static Map<String, Object> aggregate(ExecutionQuality.Aggregate a) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("orders", a.orders());
        map.put("sentOrders", a.sentOrders());
        map.put("filledOrders", a.filledOrders());
        map.put("fillRatio", number(a.fillRatio()));
        map.put("slippageBps", number(a.slippageBps()));
        map.put("implementationShortfall", money(a.implementationShortfall()));
        map.put("implementationShortfallBps", number(a.implementationShortfallBps()));
        map.put("filledNotional", money(a.filledNotional()));
        map.put("timeToAcknowledgeMs", percentiles(a.timeToAcknowledgeP50Ms(), a.timeToAcknowledgeP90Ms(), a.timeToAcknowledgeP99Ms()));
        map.put("timeToFillMs", percentiles(a.timeToFillP50Ms(), a.timeToFillP90Ms(), a.timeToFillP99Ms()));
        map.put("rejectRate", number(a.rejectRate()));
        map.put("cancelRate", number(a.cancelRate()));
        map.put("fees", money(a.fees()));
        return map;
    }

    private static Map<String, Object> percentiles(Double p50, Double p90, Double p99) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("p50", number(p50));
        map.put("p90", number(p90));
        map.put("p99", number(p99));
        return map;
    }

    static Double number(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    static String money(Money money) {
        return money == null ? null : money.toString();
    }
}
