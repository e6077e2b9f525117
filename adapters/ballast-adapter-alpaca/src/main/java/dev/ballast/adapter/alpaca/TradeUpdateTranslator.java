package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.ReplaceRejected;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns one {@code trade_updates} event (its {@code data}: {@code event}, {@code order} and, for executions,
 * {@code execution_id}, {@code price}, {@code qty}) into the {@link BrokerReport} it means, or none: repeated
 * events and executions are reported once; a {@code new} after anything else was reported changes nothing;
 * pending and informational events change nothing. Reports are stamped with engine time on arrival (the venue's
 * clock is not the engine's). Thread-safe (its state lives in the registry and the ledger).
 */
final class TradeUpdateTranslator {
    /** Ballast's trade id for an Alpaca execution. */
    static final String TRADE_ID_PREFIX = "alpaca-";

    private final OrderRegistry orders;
    private final ExecutionLedger executions;
    private final Clock clock;

    TradeUpdateTranslator(OrderRegistry orders, ExecutionLedger executions, Clock clock) {
        this.orders = orders;
        this.executions = executions;
        this.clock = clock;
    }

    Optional<BrokerReport> translate(JsonNode data) {
        String event = AlpacaJson.requiredText(data, "event");
        JsonNode order = data.get("order");
        if (order == null || !order.isObject()) {
            throw new AlpacaProtocolException("Alpaca sent a '" + event + "' trade update with no order");
        }
        ClientOrderId id = orders.resolve(order);
        String venueId = AlpacaJson.requiredText(order, "id");
        long now = clock.nanos();
        return Optional.ofNullable(switch (event) {
            case "new" -> orders.firstReport(id) ? new OrderAccepted(id, venueId, now) : null;
            case "partial_fill", "fill" -> fill(id, order, data, now);
            case "trade_correct" -> correction(id, data, now);
            case "trade_bust" -> bust(id, data, now);
            case "canceled" -> once(id, venueId, event,
                    new OrderCanceled(id, reason(data, "canceled at Alpaca"), now));
            case "expired" -> once(id, venueId, event, new OrderExpired(id, now));
            case "done_for_day" -> "day".equalsIgnoreCase(AlpacaJson.text(order, "time_in_force"))
                    ? once(id, venueId, "expired", new OrderExpired(id, now)) : null;
            case "rejected" -> once(id, venueId, event,
                    new OrderRejected(id, reason(data, "rejected by Alpaca"), now));
            case "replaced" -> replaced(id, order, now);
            case "order_cancel_rejected" -> once(id, venueId, event + "@" + AlpacaJson.text(data, "timestamp"),
                    new CancelRejected(id, reason(data, "Alpaca refused the cancel"), now));
            case "order_replace_rejected" -> once(id, venueId, event + "@" + AlpacaJson.text(data, "timestamp"),
                    new ReplaceRejected(id, reason(data, "Alpaca refused the replace"), now));
            // pending_new, accepted, pending_cancel, pending_replace, calculated, stopped, suspended, held,
            // accepted_for_bidding, order_replace_pending...: the order's state does not change for the engine.
            default -> null;
        });
    }

    private BrokerReport fill(ClientOrderId id, JsonNode order, JsonNode data, long now) {
        String executionId = AlpacaJson.requiredText(data, "execution_id");
        if (!executions.firstSight(executionId)) return null;
        orders.noteReport(id);
        executions.filledAt(instant(AlpacaJson.text(data, "timestamp")));
        return new Fill(id, TRADE_ID_PREFIX + executionId, Symbol.of(AlpacaJson.requiredText(order, "symbol")),
                side(AlpacaJson.requiredText(order, "side")), AlpacaJson.requiredQuantity(data, "qty"),
                AlpacaJson.requiredPrice(data, "price"), Money.ZERO, now);
    }

    /**
     * A corrected execution. The trade it corrects is {@code original_execution_id} where Alpaca sends one, else
     * {@code execution_id}; the correction's own id is its {@code event_id}, else the execution and timestamp.
     */
    private BrokerReport correction(ClientOrderId id, JsonNode data, long now) {
        String tradeId = correctedTrade(data);
        String correctionId = amendmentId(data);
        if (!executions.firstAmendment(correctionId)) return null;
        return new FillCorrected(id, TRADE_ID_PREFIX + tradeId, correctionId, AlpacaJson.requiredQuantity(data, "qty"),
                AlpacaJson.requiredPrice(data, "price"), Money.ZERO, now);
    }

    private BrokerReport bust(ClientOrderId id, JsonNode data, long now) {
        String bustId = amendmentId(data);
        if (!executions.firstAmendment(bustId)) return null;
        return new FillBusted(id, TRADE_ID_PREFIX + correctedTrade(data), bustId, now);
    }

    private BrokerReport replaced(ClientOrderId id, JsonNode order, long now) {
        // The event carries the new order, which replaces the old one; where Alpaca sends the old order instead
        // (replaced_by set), the new one is linked and its terms arrive with its own events.
        String replacedBy = AlpacaJson.text(order, "replaced_by");
        String newVenueId = replacedBy != null ? replacedBy : AlpacaJson.requiredText(order, "id");
        orders.link(newVenueId, id);
        if (!orders.firstSight(newVenueId, "replaced")) return null;
        orders.noteReport(id);
        return new OrderReplaced(id, AlpacaJson.requiredQuantity(order, "qty"), AlpacaJson.price(order, "limit_price"),
                AlpacaJson.price(order, "stop_price"), now);
    }

    private BrokerReport once(ClientOrderId id, String venueId, String event, BrokerReport report) {
        if (!orders.firstSight(venueId, event)) return null;
        orders.noteReport(id);
        return report;
    }

    private static String correctedTrade(JsonNode data) {
        String original = AlpacaJson.text(data, "original_execution_id");
        return original != null ? original : AlpacaJson.requiredText(data, "execution_id");
    }

    private static String amendmentId(JsonNode data) {
        String eventId = AlpacaJson.text(data, "event_id");
        if (eventId != null) return TRADE_ID_PREFIX + eventId;
        return TRADE_ID_PREFIX + AlpacaJson.requiredText(data, "execution_id") + "@" + AlpacaJson.text(data, "timestamp");
    }

    private static String reason(JsonNode data, String fallback) {
        String reason = AlpacaJson.text(data, "reason");
        return reason == null ? fallback : fallback + ": " + reason;
    }

    static OrderSide side(String alpacaSide) {
        return switch (alpacaSide) {
            case "buy" -> OrderSide.BUY;
            case "sell", "sell_short" -> OrderSide.SELL;
            default -> throw new AlpacaProtocolException("Alpaca sent the unknown side '" + alpacaSide + "'");
        };
    }

    static Instant instant(String text) {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
