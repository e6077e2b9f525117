package dev.ballast.adapter.fix;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every ClOrdID the adapter uses, mapped back to the one Ballast client order id. A new order goes out under the
 * Ballast id itself; each cancel or replace needs a new ClOrdID, made as {@code <ballast id>~<epoch><n>}, so even an id
 * from before a restart maps back (by its prefix: Ballast ids never contain {@code ~}). The epoch (the clock's
 * milliseconds at start, base 36) keeps a restarted adapter from reusing an id the venue has seen.
 *
 * <p>Threading: written by the engine thread (submissions), the sender thread and the session thread (replaces,
 * fills); every structure is concurrent and every value immutable.
 */
final class OrderChains {
    static final char SEPARATOR = '~';

    private final String epoch;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentMap<String, ClientOrderId> byClOrdId = new ConcurrentHashMap<>();
    private final ConcurrentMap<ClientOrderId, WorkingTerms> terms = new ConcurrentHashMap<>();
    private final ConcurrentMap<ClientOrderId, Quantity> cumulative = new ConcurrentHashMap<>();

    OrderChains(long startMillis) {
        this.epoch = Long.toString(startMillis, 36);
    }

    void submitted(WorkingTerms order) {
        terms.put(order.orderId(), order);
        byClOrdId.put(order.liveClOrdId(), order.orderId());
    }

    /** A fresh ClOrdID for a cancel or replace of {@code orderId}. */
    String nextClOrdId(ClientOrderId orderId) {
        String clOrdId = orderId.value() + SEPARATOR + epoch + sequence.incrementAndGet();
        byClOrdId.put(clOrdId, orderId);
        return clOrdId;
    }

    /** The Ballast order a ClOrdID belongs to. */
    ClientOrderId resolve(String clOrdId) {
        ClientOrderId known = byClOrdId.get(clOrdId);
        if (known != null) return known;
        int separator = clOrdId.indexOf(SEPARATOR);
        return ClientOrderId.of(separator > 0 ? clOrdId.substring(0, separator) : clOrdId);
    }

    WorkingTerms terms(ClientOrderId orderId) {
        return terms.get(orderId);
    }

    List<WorkingTerms> allTerms() {
        return List.copyOf(terms.values());
    }

    /** The venue confirmed a replace: the order now works under {@code clOrdId} on these terms. */
    void replaced(ClientOrderId orderId, String clOrdId, Quantity quantity, Price limit, Price stop) {
        terms.computeIfPresent(orderId, (id, old) -> old.replaced(clOrdId, quantity, limit, stop));
    }

    /**
     * Adds a fill to the order's cumulative quantity and returns the cumulative quantity before it, or {@code null}
     * when this process has not seen the order's fills from the start (after a restart).
     */
    Quantity addFill(ClientOrderId orderId, Quantity lastQuantity, Quantity venueCumulative) {
        Quantity[] before = new Quantity[1];
        cumulative.compute(orderId, (id, old) -> {
            before[0] = old;
            // Unknown history: start from what the venue says, so later fills are still checked.
            return old == null ? venueCumulative : old.plus(lastQuantity);
        });
        return before[0];
    }

    void setCumulative(ClientOrderId orderId, Quantity venueCumulative) {
        cumulative.put(orderId, venueCumulative);
    }

    void startCumulative(ClientOrderId orderId) {
        cumulative.putIfAbsent(orderId, Quantity.ZERO);
    }
}
