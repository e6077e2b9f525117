package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.Fill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What Alpaca holds for the account, read after every reconnect: every order since the run's start (status all,
 * which also links replacements to their Ballast order), the open ones with what is left of them, the positions, and
 * the fills since the latest one reported before the stream was lost (account activities of type FILL; see
 * {@link ExecutionLedger#takeRecoveryStart}), of which those never reported are reported now. Any request that fails or goes unanswered fails the whole query with what failed: a state the
 * adapter could not read is unknown, never flat. Blocking: runs on a worker thread. Thread-safe.
 */
final class StateQuery {
    /** Alpaca's largest page of orders. */
    static final int ORDER_PAGE = 500;
    /** Alpaca's largest page of activities. */
    static final int ACTIVITY_PAGE = 100;
    /**
     * Fills are read from a little before the latest one reported before the gap: several can share a timestamp, and Alpaca's
     * {@code after} is exclusive. The overlap is recognised by execution id.
     */
    private static final Duration FILL_OVERLAP = Duration.ofSeconds(1);

    private final AlpacaRestClient rest;
    private final OrderRegistry orders;
    private final ExecutionLedger executions;
    private final Clock clock;
    private final Instant runStart;
    private final Consumer<BrokerReport> reports;

    StateQuery(AlpacaRestClient rest, OrderRegistry orders, ExecutionLedger executions, Clock clock, Instant runStart,
               Consumer<BrokerReport> reports) {
        this.rest = rest;
        this.orders = orders;
        this.executions = executions;
        this.clock = clock;
        this.runStart = runStart;
        this.reports = reports;
    }

    BrokerState read() throws AlpacaRequestFailed, InterruptedException {
        Set<ClientOrderId> known = new HashSet<>();
        for (JsonNode order : orders("all", runStart.toString())) known.add(orders.resolve(order));
        Map<ClientOrderId, Quantity> open = new LinkedHashMap<>();
        // Open orders may be older than the run (a GTC order of an earlier one), so these are read from the start.
        for (JsonNode order : orders("open", null)) {
            ClientOrderId id = orders.resolve(order);
            known.add(id);
            Quantity filled = AlpacaJson.quantity(order, "filled_qty");
            Quantity remaining = AlpacaJson.requiredQuantity(order, "qty").minus(filled == null ? Quantity.ZERO : filled);
            open.merge(id, remaining, Quantity::plus);
        }
        Map<Symbol, Quantity> positions = new HashMap<>();
        for (JsonNode position : rest.getOk("/v2/positions", Map.of())) {
            positions.put(Symbol.of(AlpacaJson.requiredText(position, "symbol")),
                    AlpacaJson.requiredQuantity(position, "qty"));
        }
        recoverFills();
        return new BrokerState(open, positions, known);
    }

    /** Every order of this status submitted after {@code after} (null: any time), page by page, oldest first. */
    private List<JsonNode> orders(String status, String after) throws AlpacaRequestFailed, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        String from = after;
        while (true) {
            Map<String, String> query = new HashMap<>(Map.of("status", status, "limit", String.valueOf(ORDER_PAGE),
                    "direction", "asc", "nested", "false"));
            if (from != null) query.put("after", from);
            JsonNode page = rest.getOk("/v2/orders", query);
            page.forEach(all::add);
            if (page.size() < ORDER_PAGE) return all;
            from = AlpacaJson.requiredText(page.get(page.size() - 1), "submitted_at");
        }
    }

    /** Reports the fills Alpaca lists that this process has not reported, in Alpaca's order. */
    private void recoverFills() throws AlpacaRequestFailed, InterruptedException {
        Optional<Instant> from = executions.takeRecoveryStart();
        try {
            recoverFillsAfter(from.map(last -> last.minus(FILL_OVERLAP)).orElse(runStart).toString());
        } catch (AlpacaRequestFailed | InterruptedException | RuntimeException e) {
            executions.recoveryFailed(from);
            throw e;
        }
    }

    private void recoverFillsAfter(String after) throws AlpacaRequestFailed, InterruptedException {
        String pageToken = null;
        while (true) {
            Map<String, String> query = new HashMap<>(Map.of("after", after, "direction", "asc",
                    "page_size", String.valueOf(ACTIVITY_PAGE)));
            if (pageToken != null) query.put("page_token", pageToken);
            JsonNode page = rest.getOk("/v2/account/activities/FILL", query);
            for (JsonNode activity : page) recover(activity);
            if (page.size() < ACTIVITY_PAGE) return;
            pageToken = AlpacaJson.requiredText(page.get(page.size() - 1), "id");
        }
    }

    private void recover(JsonNode activity) throws AlpacaRequestFailed, InterruptedException {
        String executionId = executionIdOf(activity);
        if (!executions.firstSight(executionId)) return;
        String venueOrderId = AlpacaJson.requiredText(activity, "order_id");
        ClientOrderId id = orders.byVenueId(venueOrderId);
        if (id == null) id = orders.resolve(rest.getOk("/v2/orders/" + venueOrderId, Map.of()));
        executions.filledAt(TradeUpdateTranslator.instant(AlpacaJson.text(activity, "transaction_time")));
        orders.noteReport(id);
        reports.accept(new Fill(id, TradeUpdateTranslator.TRADE_ID_PREFIX + executionId,
                Symbol.of(AlpacaJson.requiredText(activity, "symbol")),
                TradeUpdateTranslator.side(AlpacaJson.requiredText(activity, "side")),
                AlpacaJson.requiredQuantity(activity, "qty"), AlpacaJson.requiredPrice(activity, "price"), Money.ZERO,
                clock.nanos()));
    }

    /**
     * The execution id of a fill activity: its {@code execution_id} where Alpaca sends one, else the part of its
     * {@code id} after "::" ("20210127144930176::ddc0a142-..."), which is the execution's id on the stream.
     */
    static String executionIdOf(JsonNode activity) {
        String explicit = AlpacaJson.text(activity, "execution_id");
        if (explicit != null) return explicit;
        String id = AlpacaJson.requiredText(activity, "id");
        int separator = id.indexOf("::");
        return separator < 0 ? id : id.substring(separator + 2);
    }
}
