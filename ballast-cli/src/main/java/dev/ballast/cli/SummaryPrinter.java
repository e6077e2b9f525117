package dev.ballast.cli;

import java.nio.file.Path;
import dev.ballast.runtime.results.ResultWriter;
import dev.ballast.engine.RunResult;
import dev.ballast.engine.monitor.analytics.PerformanceStatistics;
import dev.ballast.engine.monitor.analytics.RunAnalytics;
import dev.ballast.engine.portfolio.StrategyPnl;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.TradingStateChanged;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Prints a run's summary as an aligned table for the terminal. */
public final class SummaryPrinter {
    private SummaryPrinter() {}

    public static void print(PrintStream out, String title, RunResult r, Path output) {
        print(out, title, r, output, null);
    }

    /** With the performance table (strategy against buy-and-hold) when {@code analytics} is given. */
    public static void print(PrintStream out, String title, RunResult r, Path output, RunAnalytics analytics) {
        out.println();
        out.println(TerminalText.safe(title));
        out.println("-".repeat(Math.max(40, title.length())));
        row(out, "Period", ResultWriter.time(r.firstTimestamp()) + " .. " + ResultWriter.time(r.lastTimestamp()));
        row(out, "Market events", String.format(Locale.ROOT, "%,d", r.marketEvents()));
        row(out, "Rows skipped", r.skippedRowCount() == 0 ? "0" : r.skippedRowCount() + " " + TerminalText.safe(r.skippedByReason()));
        row(out, "Initial cash", r.initialCash().toCents());
        row(out, "Final equity", r.finalEquity().toCents());
        row(out, "Total return", String.format(Locale.ROOT, "%+.2f%%", r.totalReturn() * 100));
        row(out, "Max drawdown", String.format(Locale.ROOT, "%.2f%% (%s)", r.maxDrawdownFraction() * 100, r.maxDrawdown().toCents()));
        row(out, "Realized P&L", r.realizedPnl().toCents());
        row(out, "Unrealized P&L", r.unrealizedPnl().toCents());
        row(out, "Fees", r.fees().toCents());
        row(out, "Trades (fills)", String.valueOf(r.fills()));
        StringBuilder orders = new StringBuilder();
        for (Map.Entry<OrderStatus, Long> entry : r.ordersByStatus().entrySet()) {
            if (!orders.isEmpty()) orders.append(", ");
            orders.append(entry.getKey().name().toLowerCase(Locale.ROOT)).append(' ').append(entry.getValue());
        }
        row(out, "Orders", r.orderCount() + (orders.isEmpty() ? "" : " (" + orders + ")"));
        if (!r.denialsByReason().isEmpty()) row(out, "Risk denials", r.denialsByReason().toString());
        row(out, "Ledger balanced", r.ledgerBalanced() ? "yes" : "NO");
        row(out, "Elapsed", String.format(Locale.ROOT, "%.2f s (%,.0f events/s)", r.elapsedNanos() / 1e9,
                r.marketEvents() / Math.max(1e-9, r.elapsedNanos() / 1e9)));
        if (analytics != null) performance(out, analytics.account(), analytics.buyAndHold());
        if (r.strategies().size() > 1 || !r.quarantines().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "  %-16s %16s %16s %12s %16s%n", "Strategy", "Realized", "Unrealized", "Fees", "Net P&L");
            for (StrategyPnl pnl : r.strategies()) {
                out.printf(Locale.ROOT, "  %-16s %16s %16s %12s %16s%n", pnl.strategyId(), pnl.realized().toCents(),
                        pnl.unrealized().toCents(), pnl.fees().toCents(), pnl.net().toCents());
            }
        }
        CallbackTimesTable.print(out, r.callbackTimes());
        for (StrategyQuarantined q : r.quarantines()) {
            out.println("  QUARANTINED " + q.strategyId() + ": " + q.reason() + ": " + TerminalText.safe(q.detail()) + " (" + q.ordersCanceled() + " orders canceled)");
        }
        for (TradingStateChanged change : r.stateChanges()) {
            out.println("  " + (change.isAccount() ? "ACCOUNT" : "STRATEGY " + change.strategyId()) + " " + change.from() + " -> "
                    + change.to() + " at " + ResultWriter.time(change.timestamp()) + ": " + change.reasonCode() + ": " + TerminalText.safe(change.detail()));
        }
        for (AnomalyFlagged a : r.anomalies()) {
            out.println("  ANOMALY " + a.kind() + " " + a.orderId() + ": " + TerminalText.safe(a.detail()));
        }
        if (output != null) row(out, "Results", output.toString());
    }

    /** The performance table: the account's statistics beside buy-and-hold's, aligned. */
    static void performance(PrintStream out, PerformanceStatistics strategy, PerformanceStatistics hold) {
        out.println();
        String format = "  %-18s %14s %14s%n";
        out.printf(Locale.ROOT, format, "", "Strategy", "Buy & hold");
        out.printf(Locale.ROOT, format, "Total return", percent(strategy.totalReturn()), percent(hold.totalReturn()));
        out.printf(Locale.ROOT, format, "Annualized return", annualized(percent(strategy.annualizedReturn())),
                annualized(percent(hold.annualizedReturn())));
        out.printf(Locale.ROOT, format, "Volatility", unsigned(strategy.volatility()), unsigned(hold.volatility()));
        out.printf(Locale.ROOT, format, "Sharpe", ratio(strategy.sharpe()), ratio(hold.sharpe()));
        out.printf(Locale.ROOT, format, "Sortino", ratio(strategy.sortino()), ratio(hold.sortino()));
        out.printf(Locale.ROOT, format, "Calmar", annualized(ratio(strategy.calmar())), annualized(ratio(hold.calmar())));
        out.printf(Locale.ROOT, format, "Max drawdown", unsigned(strategy.maxDrawdown()), unsigned(hold.maxDrawdown()));
        out.printf(Locale.ROOT, format, "Win rate", unsigned(strategy.winRate()), unsigned(hold.winRate()));
        out.printf(Locale.ROOT, format, "Profit factor", ratio(strategy.profitFactor()), ratio(hold.profitFactor()));
        out.printf(Locale.ROOT, format, "Closed trades", count(strategy.numberOfTrades()), count(hold.numberOfTrades()));
    }

    /** An annualized figure: "n/a" when undefined, as it is below the minimum span (docs/analytics.md). */
    private static String annualized(String formatted) {
        return formatted.equals("-") ? "n/a" : formatted;
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%+.2f%%", value * 100);
    }

    private static String unsigned(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f%%", value * 100);
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String count(Integer value) {
        return value == null ? "-" : String.valueOf(value);
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-18s %s%n", label, value);
    }
}
