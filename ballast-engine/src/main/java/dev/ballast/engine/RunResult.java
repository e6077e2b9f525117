package dev.ballast.engine;

import dev.ballast.engine.data.SkippedRows;
import dev.ballast.engine.monitor.ExecutionMonitor;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.portfolio.StrategyPnl;
import dev.ballast.engine.strategy.CallbackTimeSummary;
import dev.ballast.model.Money;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.StrategyId;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.TradingStateChanged;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run, for the summary and results files: the account's figures, orders by final
 * status, per-strategy P&L, and everything that went wrong (denials, quarantines, trading-state
 * changes, anomalies, skipped rows). Immutable.
 *
 * @param totalReturn           final equity / initial cash - 1
 * @param maxDrawdownFraction   largest fall from an equity high, as a fraction of it
 * @param marketEvents          market data events processed
 * @param elapsedNanos          wall time the run took
 * @param callbackTimes         per strategy, how long its callbacks took on this machine (informational: they
 *                              differ from run to run and never decide anything)
 */
public record RunResult(Money initialCash, Money finalEquity, Money cash, Money realizedPnl, Money unrealizedPnl,
                        Money fees, Money grossExposure, double totalReturn, Money maxDrawdown,
                        double maxDrawdownFraction, long fills, Map<OrderStatus, Long> ordersByStatus,
                        Map<String, Long> denialsByReason, List<StrategyPnl> strategies,
                        List<StrategyQuarantined> quarantines, List<TradingStateChanged> stateChanges,
                        List<AnomalyFlagged> anomalies, long skippedRowCount,
                        Map<String, Long> skippedByReason, long marketEvents, long firstTimestamp, long lastTimestamp,
                        long elapsedNanos, boolean ledgerBalanced, Map<StrategyId, CallbackTimeSummary> callbackTimes) {

    /** Collects the result from a finished engine. */
    public static RunResult of(TradingEngine engine, long marketEvents, long firstTimestamp, long lastTimestamp,
                               SkippedRows skipped, long elapsedNanos) {
        PortfolioManager portfolio = engine.portfolio();
        ExecutionMonitor monitor = engine.monitor();
        Money equity = portfolio.equity();
        Money initial = portfolio.initialCash();
        double totalReturn = equity.toDouble() / initial.toDouble() - 1.0;
        List<StrategyPnl> strategies = new ArrayList<>();
        for (StrategyId id : portfolio.strategyIds()) strategies.add(portfolio.strategyPnl(id));
        return new RunResult(initial, equity, portfolio.cash(), portfolio.realizedPnl(), portfolio.unrealizedPnl(),
                portfolio.fees(), portfolio.grossExposure(), totalReturn, monitor.equityCurve().maxDrawdown(),
                monitor.equityCurve().maxDrawdownFraction(), monitor.fillCount(), engine.orders().countByStatus(),
                Map.copyOf(monitor.denialsByReason()), List.copyOf(strategies), List.copyOf(monitor.quarantines()),
                List.copyOf(monitor.stateChanges()), List.copyOf(monitor.anomalies()), skipped == null ? 0 : skipped.total(),
                skipped == null ? Map.of() : Map.copyOf(skipped.countByReason()), marketEvents, firstTimestamp,
                lastTimestamp, elapsedNanos, portfolio.ledgerIdentityHolds(),
                Collections.unmodifiableMap(engine.strategies().callbackTimes()));
    }

    public long orderCount() {
        long total = 0;
        for (long count : ordersByStatus.values()) total += count;
        return total;
    }
}
