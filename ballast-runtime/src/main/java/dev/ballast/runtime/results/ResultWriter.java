package dev.ballast.runtime.results;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.event.StopEngine;
import dev.ballast.runtime.RunOutcome;
import dev.ballast.runtime.folder.AtomicFiles;
import dev.ballast.model.EpochNanos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ballast.runtime.plan.DocumentOrigin;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.engine.RunResult;
import dev.ballast.engine.monitor.EquityCurve;
import dev.ballast.engine.monitor.OrderExecution;
import dev.ballast.engine.monitor.analytics.ClosedTrade;
import dev.ballast.engine.monitor.analytics.RunAnalytics;
import dev.ballast.engine.portfolio.StrategyPnl;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.TradingStateChanged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a finished run's files into the output folder: {@code results.json} (summary, per-strategy
 * P&L, orders by status, risk denials, quarantines, anomalies, callback times), {@code orders.csv} (every order with its
 * execution quality), {@code fills.csv}, {@code equity.csv} and {@code trades.csv} (closed trades); the
 * schema is docs/results-schema.md. Money is written as exact decimal text.
 */
public final class ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultWriter() {}

    /** Writes the results of {@code outcome} into {@code folder}. */
    public static void write(Path folder, RunOutcome outcome) {
        RunPlan plan = outcome.plan();
        String mode = outcome.mode().name().toLowerCase(Locale.ROOT);
        try {
            Files.createDirectories(folder);
            writeResults(folder.resolve("results.json"), plan, mode, outcome.result(), outcome.analytics(),
                    outcome.stoppedBy());
            writeOrders(folder.resolve("orders.csv"), outcome);
            if (outcome.analytics() != null) writeTrades(folder.resolve("trades.csv"), outcome.analytics().trades());
            writeFills(folder.resolve("fills.csv"), outcome.fills());
            writeEquity(folder.resolve("equity.csv"), outcome.engine().monitor().equityCurve());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Who stopped the run, why, and what its open orders did; null for a run whose data ran out. */
    private static Map<String, Object> stopped(StopEngine stop) {
        if (stop == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by", stop.operator());
        out.put("reason", stop.reason());
        out.put("openOrders", stop.openOrders().name().toLowerCase(Locale.ROOT));
        out.put("time", time(stop.timestamp()));
        return out;
    }

    private static void writeResults(Path file, RunPlan plan, String mode, RunResult result, RunAnalytics analytics,
                                     StopEngine stoppedBy) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", "ballast.results/1");
        root.put("name", plan.name());
        root.put("mode", mode);
        root.put("config", plan.configFile() == null ? null : plan.configFile().toString());
        root.put("start", time(result.firstTimestamp()));
        root.put("end", time(result.lastTimestamp()));
        root.put("marketEvents", result.marketEvents());
        root.put("skippedRows", result.skippedRowCount());
        root.put("skippedRowsByReason", result.skippedByReason());
        root.put("stopped", stopped(stoppedBy));
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("initialCash", result.initialCash().toString());
        account.put("finalEquity", result.finalEquity().toString());
        account.put("cash", result.cash().toString());
        account.put("realizedPnl", result.realizedPnl().toString());
        account.put("unrealizedPnl", result.unrealizedPnl().toString());
        account.put("fees", result.fees().toString());
        account.put("grossExposure", result.grossExposure().toString());
        account.put("totalReturn", result.totalReturn());
        account.put("maxDrawdown", result.maxDrawdown().toString());
        account.put("maxDrawdownFraction", result.maxDrawdownFraction());
        account.put("ledgerBalanced", result.ledgerBalanced());
        root.put("account", account);
        root.put("fills", result.fills());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        result.ordersByStatus().forEach((status, count) -> byStatus.put(status.name(), count));
        root.put("ordersByStatus", byStatus);
        root.put("riskDenialsByReason", result.denialsByReason());
        List<Map<String, Object>> strategies = new ArrayList<>();
        for (StrategyPnl pnl : result.strategies()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", pnl.strategyId().value());
            entry.put("realizedPnl", pnl.realized().toString());
            entry.put("unrealizedPnl", pnl.unrealized().toString());
            entry.put("fees", pnl.fees().toString());
            entry.put("netPnl", pnl.net().toString());
            DocumentOrigin origin = plan.documents().get(pnl.strategyId());
            if (origin != null) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("file", origin.file().toString());
                document.put("sha256", origin.sha256());
                document.put("provenance", origin.provenance() == null ? null : origin.provenance().toString());
                document.put("provenanceSha256", origin.provenanceSha256());
                entry.put("document", document);
            }
            strategies.add(entry);
        }
        root.put("strategies", strategies);
        List<Map<String, Object>> quarantines = new ArrayList<>();
        for (StrategyQuarantined q : result.quarantines()) {
            quarantines.add(Map.of("strategy", q.strategyId().value(), "reason", q.reason().name(), "detail", q.detail(),
                    "ordersCanceled", q.ordersCanceled(), "time", time(q.timestamp())));
        }
        root.put("quarantines", quarantines);
        List<Map<String, Object>> states = new ArrayList<>();
        for (TradingStateChanged change : result.stateChanges()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("scope", change.isAccount() ? "account" : change.strategyId().value());
            entry.put("from", change.from().name());
            entry.put("to", change.to().name());
            entry.put("reason", change.reasonCode());
            entry.put("detail", change.detail());
            entry.put("time", time(change.timestamp()));
            states.add(entry);
        }
        root.put("tradingStateChanges", states);
        List<Map<String, Object>> anomalies = new ArrayList<>();
        for (AnomalyFlagged a : result.anomalies()) {
            anomalies.add(Map.of("kind", a.kind().name(), "order", String.valueOf(a.orderId()), "detail", a.detail(),
                    "time", time(a.timestamp())));
        }
        root.put("anomalies", anomalies);
        if (analytics != null) AnalyticsJson.put(root, analytics);
        root.put("callbackTimesUs", CallbackTimesJson.of(result.callbackTimes()));
        root.put("elapsedSeconds", result.elapsedNanos() / 1e9);
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    private static void writeOrders(Path file, RunOutcome outcome) throws IOException {
        Map<ClientOrderId, OrderExecution> executions = new LinkedHashMap<>();
        for (OrderExecution execution : outcome.engine().monitor().executions()) executions.put(execution.orderId(), execution);
        AtomicFiles.writeText(file, out -> {
            out.write("order_id,strategy,symbol,side,type,time_in_force,quantity,limit_price,stop_price,status,filled_quantity,"
                    + "average_fill_price,arrival_price,slippage_bps,commission,created,bracket_role,parent\n");
            for (Order order : outcome.engine().orders().orders()) {
                OrderExecution execution = executions.get(order.id());
                out.write(String.join(",", order.id().value(), order.strategyId().value(), order.symbol().value(),
                        order.side().name(), order.request().type().name(), order.request().timeInForce().name(),
                        order.quantity().toString(), text(order.request().limitPrice()), text(order.request().stopPrice()),
                        order.status().name(), order.filledQuantity().toString(), text(order.averageFillPrice()),
                        execution == null ? "" : text(execution.arrivalPrice()),
                        execution == null || Double.isNaN(execution.slippageBps()) ? "" : String.format(Locale.ROOT, "%.2f", execution.slippageBps()),
                        execution == null ? "0" : execution.commission().toString(), time(order.createdAt()),
                        order.bracketRole().name(), order.parent() == null ? "" : order.parent().value()));
                out.write('\n');
            }
        });
    }

    private static void writeTrades(Path file, List<ClosedTrade> trades) throws IOException {
        AtomicFiles.writeText(file, out -> {
            out.write("strategy,symbol,direction,quantity,entry_time,average_entry_price,exit_time,average_exit_price,"
                    + "gross_pnl,fees,pnl\n");
            for (ClosedTrade t : trades) {
                out.write(String.join(",", t.strategyId().value(), t.symbol().value(), t.direction().name(),
                        t.quantity().toString(), time(t.entryTime()), t.averageEntryPrice().toString(), time(t.exitTime()),
                        t.averageExitPrice().toString(), t.grossPnl().toString(), t.fees().toString(), t.pnl().toString()));
                out.write('\n');
            }
        });
    }

    private static void writeFills(Path file, List<FillBooked> fills) throws IOException {
        AtomicFiles.writeText(file, out -> {
            out.write("time,trade_id,order_id,strategy,symbol,side,quantity,price,commission\n");
            for (FillBooked booked : fills) {
                Fill fill = booked.fill();
                out.write(String.join(",", time(fill.timestamp()), fill.tradeId(), fill.orderId().value(),
                        booked.strategyId().value(), fill.symbol().value(), fill.side().name(), fill.quantity().toString(),
                        fill.price().toString(), fill.commission().toString()));
                out.write('\n');
            }
        });
    }

    private static void writeEquity(Path file, EquityCurve curve) throws IOException {
        AtomicFiles.writeText(file, out -> {
            out.write("time,equity\n");
            for (int i = 0; i < curve.size(); i++) {
                out.write(time(curve.time(i)) + "," + curve.equity(i) + "\n");
            }
        });
    }

    private static String text(Price price) {
        return price == null ? "" : price.toString();
    }

    /** An engine time as an ISO instant, or empty for none. */
    public static String time(long epochNanos) {
        if (epochNanos == Long.MIN_VALUE) return "";
        return EpochNanos.toInstant(epochNanos).toString();
    }
}
