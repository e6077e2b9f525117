package dev.ballast.engine.monitor.analytics;

import dev.ballast.engine.monitor.EquityCurve;
import dev.ballast.engine.monitor.ExecutionMonitor;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.Instrument;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.ExecutionAlert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the analytics say about a finished run: performance of the account, of each strategy and of
 * buy-and-hold; the account's returns by day, month and year; execution quality per order and aggregated
 * by account, strategy, symbol and broker; the alerts; the closed trades. Immutable once computed.
 */
public record RunAnalytics(StatisticsSettings settings, PerformanceStatistics account,
                           Map<StrategyId, PerformanceStatistics> strategies, PerformanceStatistics buyAndHold,
                           PeriodReturns returns, PeriodReturns buyAndHoldReturns,
                           List<ExecutionQuality.OrderQuality> orders, ExecutionQuality.Aggregate executionAccount,
                           Map<String, ExecutionQuality.Aggregate> byStrategy, Map<String, ExecutionQuality.Aggregate> bySymbol,
                           Map<String, ExecutionQuality.Aggregate> byBroker, List<ExecutionAlert> alerts,
                           List<ClosedTrade> trades) {

    /** The account's equity curve as a series of doubles. */
    public static Series series(EquityCurve curve) {
        Series series = new Series();
        for (int i = 0; i < curve.size(); i++) series.record(curve.time(i), curve.equity(i).toDouble());
        return series;
    }

    public static RunAnalytics compute(ExecutionMonitor monitor, PortfolioManager portfolio, TradeRecorder trades,
                                       RunSampler sampler, StatisticsSettings settings, String broker) {
        Series account = series(monitor.equityCurve());
        PerformanceStatistics accountStats = PerformanceStatistics.of(account, new PerformanceStatistics.TradeInputs(
                trades.trades(), trades.openSince(null), trades.tradedNotional(null), trades.fees(null)), settings);
        Map<StrategyId, PerformanceStatistics> strategies = new LinkedHashMap<>();
        for (Map.Entry<StrategyId, Series> entry : sampler.strategyEquity().entrySet()) {
            StrategyId id = entry.getKey();
            strategies.put(id, PerformanceStatistics.of(entry.getValue(), new PerformanceStatistics.TradeInputs(
                    trades.trades(id), trades.openSince(id), trades.tradedNotional(id), trades.fees(id)), settings));
        }
        PerformanceStatistics buyAndHold = PerformanceStatistics.of(sampler.buyAndHold(), null, settings);
        List<ExecutionQuality.OrderQuality> orders = ExecutionQuality.perOrder(monitor.executions(),
                symbol -> multiplier(portfolio, symbol), portfolio::lastPrice);
        return new RunAnalytics(settings, accountStats, strategies, buyAndHold, PeriodReturns.of(account),
                PeriodReturns.of(sampler.buyAndHold()), orders, ExecutionQuality.aggregate(orders),
                ExecutionQuality.aggregateBy(orders, q -> q.execution().strategyId().value()),
                ExecutionQuality.aggregateBy(orders, q -> q.execution().symbol().value()),
                ExecutionQuality.aggregateBy(orders, q -> broker), List.copyOf(monitor.alerts()), trades.trades());
    }

    public static long multiplier(PortfolioManager portfolio, Symbol symbol) {
        Instrument instrument = portfolio.instrument(symbol);
        return instrument == null ? 1 : instrument.multiplier();
    }
}
