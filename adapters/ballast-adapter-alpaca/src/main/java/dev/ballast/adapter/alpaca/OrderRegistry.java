package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.model.ClientOrderId;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which Alpaca order belongs to which Ballast order. Ballast's client order id is sent as Alpaca's
 * {@code client_order_id}; a replace creates a new Alpaca order (new id, a client id Alpaca makes up) that
 * {@code replaces} the old one, so it is traced back through that link to the same Ballast order. Also remembers
 * which Ballast orders have had any report, so that a late {@code new} after a fill changes nothing. Thread-safe.
 */
final class OrderRegistry {
    private final Map<String, ClientOrderId> byVenueId = new HashMap<>();
    private final Map<ClientOrderId, String> currentVenueId = new HashMap<>();
    private final Set<ClientOrderId> reported = new HashSet<>();
    private final Set<String> venueEvents = new HashSet<>();

    synchronized void link(String venueId, ClientOrderId id) {
        byVenueId.put(venueId, id);
        currentVenueId.put(id, venueId);
    }

    /** The Alpaca order now working for this Ballast order, or {@code null} when none is known. */
    synchronized String venueIdOf(ClientOrderId id) {
        return currentVenueId.get(id);
    }

    /**
     * The Ballast order an Alpaca order (as Alpaca sends it) belongs to, learning the link on the way: a known
     * Alpaca id, else the order a {@code replaces} chain leads to, else its {@code client_order_id} as is (a fill
     * for an order Ballast does not know is still booked under that id).
     */
    synchronized ClientOrderId resolve(JsonNode order) {
        String venueId = AlpacaJson.requiredText(order, "id");
        ClientOrderId known = byVenueId.get(venueId);
        if (known != null) return known;
        String replaces = AlpacaJson.text(order, "replaces");
        ClientOrderId id = replaces != null && byVenueId.containsKey(replaces)
                ? byVenueId.get(replaces)
                : ClientOrderId.of(AlpacaJson.requiredText(order, "client_order_id"));
        link(venueId, id);
        return id;
    }

    /** The Ballast order behind an Alpaca order id, or {@code null}. */
    synchronized ClientOrderId byVenueId(String venueId) {
        return byVenueId.get(venueId);
    }

    /** Notes a report about the order; true when it is the first one (nothing was reported before). */
    synchronized boolean firstReport(ClientOrderId id) {
        return reported.add(id);
    }

    synchronized void noteReport(ClientOrderId id) {
        reported.add(id);
    }

    /** True the first time this event is seen for this Alpaca order: a repeated one is reported once. */
    synchronized boolean firstSight(String venueId, String event) {
        return venueEvents.add(venueId + "/" + event);
    }
}
