package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.ReplaceRejected;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Sends one order request to Alpaca and turns the answer into what the engine must hear, trying again a bounded
 * number of times where that is safe. A new order always goes under Ballast's client order id, so a retry can
 * never create a second order: when a {@code POST} went unanswered, failed with a 5xx, or is refused because the
 * id is already used (422), the order is first looked up by that id. A 429 waits for Alpaca's reset time. Giving up
 * reports a reject naming the HTTP status and Alpaca's message. Blocking: runs on worker threads, one request per
 * order at a time (see {@link OrderLanes}). Thread-safe.
 */
final class OrderSender {
    /** Alpaca statuses after which the order has been routed and works (or worked): Ballast's ACCEPTED. */
    private static final Set<String> ROUTED = Set.of("new", "partially_filled", "filled", "done_for_day",
            "canceled", "expired", "replaced", "pending_cancel", "pending_replace", "stopped", "calculated");

    private final AlpacaRestClient rest;
    private final OrderRegistry orders;
    private final RetryPolicy retry;
    private final Clock clock;
    private final LongSupplier wallMillis;
    private final Consumer<BrokerReport> reports;
    private final Consumer<ClientOrderId> posting;

    /**
     * @param posting told of a new order's id on the posting thread immediately before each post of it leaves (the
     *                adapter's list of posted orders); a failure there is the order's reject, nothing is posted
     */
    OrderSender(AlpacaRestClient rest, OrderRegistry orders, RetryPolicy retry, Clock clock, LongSupplier wallMillis,
                Consumer<BrokerReport> reports, Consumer<ClientOrderId> posting) {
        this.rest = rest;
        this.orders = orders;
        this.retry = retry;
        this.clock = clock;
        this.wallMillis = wallMillis;
        this.reports = reports;
        this.posting = posting;
    }

    void submit(Order order) throws InterruptedException {
        ClientOrderId id = order.id();
        JsonNode body = OrderBodies.newOrder(order);
        String lastFailure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            AlpacaResponse response;
            try {
                response = rest.post("/v2/orders", body, () -> posting.accept(id));
            } catch (AlpacaRequestFailed unanswered) {
                // Alpaca may have created it before the answer was lost.
                lastFailure = unanswered.getMessage();
                if (foundAtAlpaca(id)) return;
                pause(retry.backoff(attempt), attempt);
                continue;
            }
            if (response.ok()) {
                known(id, response.body());
                return;
            }
            lastFailure = response.failure().getMessage();
            if (response.status() == 422 && isDuplicateClientId(response)) {
                // A retry of an order that did reach Alpaca: it is that order, never a new id.
                if (foundAtAlpaca(id)) return;
                report(new OrderRejected(id, "Alpaca says client order id " + id + " is already used but cannot find it: "
                        + lastFailure, clock.nanos()));
                return;
            }
            if (response.status() == 429) {
                pause(retry.rateLimited(response.rateLimitReset(), wallMillis.getAsLong(), attempt), attempt);
            } else if (response.status() >= 500) {
                if (foundAtAlpaca(id)) return;
                pause(retry.backoff(attempt), attempt);
            } else {
                report(new OrderRejected(id, "Alpaca refused order " + id + ": " + lastFailure, clock.nanos()));
                return;
            }
        }
        // Alpaca may still have it: the next state query lists it among the known orders.
        report(new OrderRejected(id, "gave up sending order " + id + " to Alpaca after " + retry.maxAttempts()
                + " attempts: " + lastFailure, clock.nanos()));
    }

    void cancel(ClientOrderId id) throws InterruptedException {
        String venueId = orders.venueIdOf(id);
        if (venueId == null) {
            report(new CancelRejected(id, "order " + id + " is not known at Alpaca", clock.nanos()));
            return;
        }
        String failure = retrying(() -> rest.delete("/v2/orders/" + venueId));
        // A cancel that Alpaca took is confirmed by the stream's "canceled".
        if (failure != null) report(new CancelRejected(id, failure, clock.nanos()));
    }

    void modify(ClientOrderId id, Quantity quantity, Price limitPrice, Price stopPrice) throws InterruptedException {
        String venueId = orders.venueIdOf(id);
        if (venueId == null) {
            report(new ReplaceRejected(id, "order " + id + " is not known at Alpaca", clock.nanos()));
            return;
        }
        JsonNode body = OrderBodies.replace(quantity, limitPrice, stopPrice);
        // A PATCH is not idempotent (each creates a new order), so it is not tried again after a lost answer.
        AlpacaResponse response;
        try {
            response = rest.patch("/v2/orders/" + venueId, body);
        } catch (AlpacaRequestFailed unanswered) {
            report(new ReplaceRejected(id, "replace of " + id + " unconfirmed: " + unanswered.getMessage(), clock.nanos()));
            return;
        }
        if (response.ok()) {
            // The replacement is linked now; the stream's "replaced" reports it.
            orders.link(AlpacaJson.requiredText(response.body(), "id"), id);
        } else {
            report(new ReplaceRejected(id, "Alpaca refused to replace " + id + ": " + response.failure().getMessage(),
                    clock.nanos()));
        }
    }

    /** A request that is safe to repeat (a cancel), tried until it is answered; the failure message, or null. */
    private String retrying(Request request) throws InterruptedException {
        String lastFailure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            AlpacaResponse response;
            try {
                response = request.send();
            } catch (AlpacaRequestFailed unanswered) {
                lastFailure = unanswered.getMessage();
                pause(retry.backoff(attempt), attempt);
                continue;
            }
            if (response.ok()) return null;
            lastFailure = response.failure().getMessage();
            if (response.status() == 429) {
                pause(retry.rateLimited(response.rateLimitReset(), wallMillis.getAsLong(), attempt), attempt);
            } else if (response.status() >= 500) {
                pause(retry.backoff(attempt), attempt);
            } else {
                return "Alpaca refused: " + lastFailure;
            }
        }
        return "gave up after " + retry.maxAttempts() + " attempts: " + lastFailure;
    }

    /** Waits before the next attempt; after the last one there is none to wait for. */
    private void pause(Duration wait, int attempt) throws InterruptedException {
        if (attempt < retry.maxAttempts()) Thread.sleep(wait);
    }

    /** Looks the order up by Ballast's id; true (and reported as Alpaca has it) when Alpaca has it. */
    private boolean foundAtAlpaca(ClientOrderId id) throws InterruptedException {
        AlpacaResponse response;
        try {
            response = rest.get("/v2/orders:by_client_order_id", Map.of("client_order_id", id.value()));
        } catch (AlpacaRequestFailed unanswered) {
            return false;
        }
        if (!response.ok()) return false;
        known(id, response.body());
        return true;
    }

    /** Alpaca has the order: link it and report what its status already says. */
    private void known(ClientOrderId id, JsonNode order) {
        String venueId = AlpacaJson.requiredText(order, "id");
        orders.link(venueId, id);
        String status = AlpacaJson.text(order, "status");
        if ("rejected".equals(status)) {
            if (orders.firstSight(venueId, "rejected")) {
                orders.noteReport(id);
                report(new OrderRejected(id, "rejected by Alpaca", clock.nanos()));
            }
        } else if (status != null && ROUTED.contains(status) && orders.firstReport(id)) {
            report(new OrderAccepted(id, venueId, clock.nanos()));
        }
    }

    private static boolean isDuplicateClientId(AlpacaResponse response) {
        String message = response.alpacaMessage();
        return message != null && message.contains("client_order_id must be unique");
    }

    private void report(BrokerReport report) {
        reports.accept(report);
    }

    @FunctionalInterface
    private interface Request {
        AlpacaResponse send() throws AlpacaRequestFailed, InterruptedException;
    }
}
