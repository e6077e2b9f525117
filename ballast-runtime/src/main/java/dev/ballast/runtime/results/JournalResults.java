package dev.ballast.runtime.results;

import dev.ballast.runtime.folder.AtomicFiles;
import dev.ballast.runtime.folder.RunFolderLock;
import dev.ballast.runtime.journal.JournalAccess;
import dev.ballast.runtime.journal.JournalPointer;
import dev.ballast.runtime.journal.RunJournals;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.runtime.plan.Sha256;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.runtime.recovery.PortfolioReplay;
import dev.ballast.engine.journal.codec.RecordDecoder;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.portfolio.StrategyPnl;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.TradingStateChanged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Regenerates the results of a finished run whose process died after its journal recorded {@code RunFinished} but
 * before its result files were all written. Only what the journal holds exactly is regenerated, and only the files
 * that are missing (an existing file is never replaced):
 * <ul>
 *   <li>{@code fills.csv}: every booked fill, as the run wrote it;</li>
 *   <li>{@code orders.csv}: every order in its last journaled state, the same columns, with {@code commission} the
 *       sum of its fills' and the execution-quality columns ({@code arrival_price}, {@code slippage_bps}) empty: the
 *       arrival price is the market price when the order was created, which the journal holds only with
 *       {@code journal.marketData};</li>
 *   <li>{@code results.json}: the account at the end (cash, equity, P&amp;L, fees, exposure, positions, as recorded
 *       by {@code RunFinished} and rebuilt from the fills), per-strategy P&amp;L, fills, orders by status, trading
 *       state changes and quarantines, with {@code "regeneratedFrom": "journal"}. Not regenerated: the market data
 *       figures (events, skipped rows, first and last data time), drawdown, risk denials by reason, anomalies and
 *       the analytics sections, which need the run's equity curve or its market data.</li>
 * </ul>
 * {@code equity.csv}, {@code trades.csv} and {@code equity.png} are not regenerated (the equity curve is the account
 * marked at every market event, which the journal does not hold); the report is then written from what there is.
 */
public final class JournalResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The files this class can regenerate. */
    static final List<String> FILES = List.of("results.json", "orders.csv", "fills.csv");

    private JournalResults() {
    }

    /** Whether {@code run} is missing a result file this class regenerates. */
    public static boolean missing(Path run) {
        for (String file : FILES) if (!Files.exists(run.resolve(file))) return true;
        return false;
    }

    /**
     * Regenerates the missing files when {@code run}'s journal is intact and ends with {@code RunFinished} (or
     * {@code RunStopped}: a run stopped by an operator or a signal, killed before its results were written); returns the
     * files written (empty when the run did not finish: then it is resumed, not regenerated). The caller holds the
     * folder's {@link RunFolderLock}.
     *
     * @throws ConfigException when the journal cannot be trusted, or the run's configuration changed
     */
    public static List<Path> regenerateIfFinished(Path run, JournalAccess access) {
        if (!missing(run)) return List.of();
        if (!Files.isRegularFile(JournalPointer.file(run)) && !Files.isDirectory(RunJournals.journalDir(run))) return List.of();
        try (JournalStore store = RunJournals.openForAudit(run, access)) {
            // Most often the run crashed before its end (it is resumed): tell from the last record, not a whole pass.
            if (!endsWithRunsEnd(store)) return List.of();
            String[] lastType = {null};
            JournalVerifier.Result verified = JournalVerifier.verify(store, record -> lastType[0] = record.type());
            if (!isRunsEnd(lastType[0])) return List.of();
            if (!verified.ok()) {
                throw new ConfigException(run + ": the journal cannot be trusted, no results regenerated: " + verified);
            }
            return write(run, store);
        }
    }

    /** Whether the last record is the run's end; a journal too damaged to tell is left to the resume to report. */
    private static boolean endsWithRunsEnd(JournalStore store) {
        try {
            return store.last().map(r -> isRunsEnd(r.type())).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A run's last record when it ended: its data ran out (RunFinished) or it was stopped (RunStopped). */
    private static boolean isRunsEnd(String type) {
        return "RunFinished".equals(type) || "RunStopped".equals(type);
    }

    private static List<Path> write(Path run, JournalStore store) {
        RecordDecoder decoder = RunJournal.decoder();
        Iterator<JournalRecord> records = store.read(1);
        JournalRecord first = records.next();
        if (!(decoder.decode(first.type(), first.payload()) instanceof RunJournal.RunStarted started)) {
            throw new ConfigException(run + ": record 1 is a " + first.type() + ", not the run start");
        }
        RunPlan plan = plan(run, started);
        Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
        Map<ClientOrderId, Money> commissions = new LinkedHashMap<>();
        FillRecorder standing = new FillRecorder();
        List<TradingStateChanged> states = new ArrayList<>();
        List<StrategyQuarantined> quarantines = new ArrayList<>();
        while (records.hasNext()) {
            JournalRecord record = records.next();
            switch (record.type()) {
                case "OrderUpdated" -> {
                    Order order = ((OrderUpdated) decoder.decode(record.type(), record.payload())).order();
                    orders.put(order.id(), order);
                }
                case "FillBooked", "FillCorrectionBooked", "FillBustBooked" ->
                        standing.on((EngineEvent) decoder.decode(record.type(), record.payload()));
                case "TradingStateChanged" -> states.add((TradingStateChanged) decoder.decode(record.type(), record.payload()));
                case "StrategyQuarantined" -> quarantines.add((StrategyQuarantined) decoder.decode(record.type(), record.payload()));
                default -> { }
            }
        }
        List<FillBooked> fills = standing.fills();
        for (FillBooked booked : fills) commissions.merge(booked.fill().orderId(), booked.fill().commission(), Money::plus);
        PortfolioReplay.Result replay = PortfolioReplay.replay(store.read(1), plan.initialCash(), plan.instruments());
        if (!replay.matches()) {
            throw new ConfigException(run + ": the journal's fills do not rebuild the account it recorded at its end ("
                    + String.join("; ", replay.differences()) + "); no results regenerated");
        }
        List<Path> written = new ArrayList<>();
        try {
            Path fillsCsv = run.resolve("fills.csv");
            if (!Files.exists(fillsCsv)) {
                writeFills(fillsCsv, fills);
                written.add(fillsCsv);
            }
            Path ordersCsv = run.resolve("orders.csv");
            if (!Files.exists(ordersCsv)) {
                writeOrders(ordersCsv, orders.values(), commissions);
                written.add(ordersCsv);
            }
            Path results = run.resolve("results.json");
            if (!Files.exists(results)) {
                writeResults(results, plan, started, replay, orders.values(), fills.size(), states, quarantines);
                written.add(results);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + run + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static RunPlan plan(Path run, RunJournal.RunStarted started) {
        Path config = Path.of(started.configFile());
        if (!Files.isRegularFile(config)) throw new ConfigException(run + ": the run's configuration " + config + " is gone");
        if (!Sha256.ofFile(config).equals(started.configSha256())) {
            throw new ConfigException(run + ": " + config + " changed since the run started; its starting cash and "
                    + "instruments may not be the run's, no results regenerated");
        }
        return RunPlanner.plan(config);
    }

    private static void writeFills(Path file, List<FillBooked> fills) throws IOException {
        AtomicFiles.writeText(file, out -> {
            out.write("time,trade_id,order_id,strategy,symbol,side,quantity,price,commission\n");
            for (FillBooked booked : fills) {
                Fill fill = booked.fill();
                out.write(String.join(",", ResultWriter.time(fill.timestamp()), fill.tradeId(), fill.orderId().value(),
                        booked.strategyId().value(), fill.symbol().value(), fill.side().name(), fill.quantity().toString(),
                        fill.price().toString(), fill.commission().toString()));
                out.write('\n');
            }
        });
    }

    private static void writeOrders(Path file, Iterable<Order> orders, Map<ClientOrderId, Money> commissions)
            throws IOException {
        AtomicFiles.writeText(file, out -> {
            out.write("order_id,strategy,symbol,side,type,time_in_force,quantity,limit_price,stop_price,status,filled_quantity,"
                    + "average_fill_price,arrival_price,slippage_bps,commission,created,bracket_role,parent\n");
            for (Order order : orders) {
                Money commission = commissions.get(order.id());
                out.write(String.join(",", order.id().value(), order.strategyId().value(), order.symbol().value(),
                        order.side().name(), order.request().type().name(), order.request().timeInForce().name(),
                        order.quantity().toString(), text(order.request().limitPrice()), text(order.request().stopPrice()),
                        order.status().name(), order.filledQuantity().toString(), text(order.averageFillPrice()), "", "",
                        commission == null ? "0" : commission.toString(), ResultWriter.time(order.createdAt()),
                        order.bracketRole().name(), order.parent() == null ? "" : order.parent().value()));
                out.write('\n');
            }
        });
    }

    private static void writeResults(Path file, RunPlan plan, RunJournal.RunStarted started, PortfolioReplay.Result replay,
                                     Iterable<Order> orders, long fills, List<TradingStateChanged> states,
                                     List<StrategyQuarantined> quarantines) throws IOException {
        PortfolioManager portfolio = replay.portfolio();
        RunJournal.RunFinished finished = replay.finished();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", "ballast.results/1");
        root.put("regeneratedFrom", "journal");
        root.put("name", started.runName());
        root.put("mode", started.mode().toLowerCase(Locale.ROOT));
        root.put("config", plan.configFile().toString());
        root.put("stopReason", finished.reason());
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("initialCash", plan.initialCash().toString());
        account.put("finalEquity", finished.equity().toString());
        account.put("cash", finished.cash().toString());
        account.put("realizedPnl", finished.realizedPnl().toString());
        account.put("unrealizedPnl", portfolio.unrealizedPnl().toString());
        account.put("fees", finished.fees().toString());
        account.put("grossExposure", portfolio.grossExposure().toString());
        account.put("ledgerBalanced", portfolio.ledgerIdentityHolds());
        Map<String, String> positions = new TreeMap<>();
        for (RunJournal.Holding holding : finished.positions()) positions.put(holding.symbol().value(), holding.quantity().toString());
        account.put("positions", positions);
        root.put("account", account);
        root.put("fills", fills);
        Map<String, Long> byStatus = new TreeMap<>();
        for (Order order : orders) byStatus.merge(order.status().name(), 1L, Long::sum);
        root.put("ordersByStatus", byStatus);
        List<Map<String, Object>> strategies = new ArrayList<>();
        for (StrategyId id : portfolio.strategyIds()) {
            StrategyPnl pnl = portfolio.strategyPnl(id);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id.value());
            entry.put("realizedPnl", pnl.realized().toString());
            entry.put("unrealizedPnl", pnl.unrealized().toString());
            entry.put("fees", pnl.fees().toString());
            entry.put("netPnl", pnl.net().toString());
            strategies.add(entry);
        }
        root.put("strategies", strategies);
        List<Map<String, Object>> quarantined = new ArrayList<>();
        for (StrategyQuarantined q : quarantines) {
            quarantined.add(Map.of("strategy", q.strategyId().value(), "reason", q.reason().name(), "detail", q.detail(),
                    "ordersCanceled", q.ordersCanceled(), "time", ResultWriter.time(q.timestamp())));
        }
        root.put("quarantines", quarantined);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (TradingStateChanged change : states) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("scope", change.isAccount() ? "account" : change.strategyId().value());
            entry.put("from", change.from().name());
            entry.put("to", change.to().name());
            entry.put("reason", change.reasonCode());
            entry.put("detail", change.detail());
            entry.put("time", ResultWriter.time(change.timestamp()));
            changes.add(entry);
        }
        root.put("tradingStateChanges", changes);
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    private static String text(Price price) {
        return price == null ? "" : price.toString();
    }
}
