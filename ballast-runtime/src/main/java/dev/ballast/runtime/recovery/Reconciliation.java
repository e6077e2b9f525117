package dev.ballast.runtime.recovery;

import java.util.Comparator;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.Fill;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares the engine's open orders and positions with what the broker reports, and the client order ids the broker
 * has received with the orders the journal holds (an id the broker knows and the journal lacks means the journal lost
 * records). Reports the broker has sent but the engine has not applied yet (in flight, such as a fill stamped a little
 * later) are counted on the engine's side, so that only real differences remain. Pure: it only reads.
 */
final class Reconciliation {
    private Reconciliation() {}

    /**
     * One line per difference; empty when the two agree.
     *
     * @param notSent   orders the engine has open but has not sent yet (kept back until this reconciliation)
     * @param journaled whether the journal (re-executed into the engine) holds the order with this client order id
     */
    static List<String> differences(Collection<Order> engineOpen, Set<ClientOrderId> notSent, PortfolioManager portfolio,
                                    Collection<BrokerReport> inFlight, BrokerState broker,
                                    Predicate<ClientOrderId> journaled) {
        List<String> out = new ArrayList<>();
        List<ClientOrderId> unjournaled = broker.knownOrdersMissingFrom(journaled);
        if (!unjournaled.isEmpty()) {
            out.add(unjournaled.size() + " client order id(s) the broker has received are not in the journal ("
                    + sample(unjournaled) + "): the journal lost records, and what those orders did is unaccounted for");
        }
        Set<ClientOrderId> reported = reportedOrders(inFlight);
        Map<Symbol, Long> inFlightFills = new HashMap<>();
        Map<ClientOrderId, Order> engineById = new HashMap<>();
        for (Order order : engineOpen) engineById.put(order.id(), order);
        for (BrokerReport report : inFlight) {
            if (report instanceof Fill fill) {
                long signed = fill.side() == OrderSide.BUY ? fill.quantity().raw() : -fill.quantity().raw();
                inFlightFills.merge(fill.symbol(), signed, Long::sum);
            }
        }
        for (Map.Entry<ClientOrderId, Quantity> open : broker.openOrders().entrySet()) {
            Order order = engineById.get(open.getKey());
            if (order == null && !journaled.test(open.getKey())) {
                // Placed by hand or by another run: Ballast would trade beside exposure it does not account for.
                out.add("order " + open.getKey() + " is working at the broker (" + open.getValue() + " open) and was "
                        + "never sent by this run: an external order (cancel it at the venue, or trade another account)");
            } else if (order == null) {
                out.add("order " + open.getKey() + " is working at the broker (" + open.getValue()
                        + " open) but not open in the engine");
            } else if (!reported.contains(order.id()) && !order.leavesQuantity().equals(open.getValue())) {
                out.add("order " + order.id() + ": " + order.leavesQuantity() + " open in the engine, "
                        + open.getValue() + " at the broker");
            }
        }
        for (Order order : engineOpen) {
            if (!broker.openOrders().containsKey(order.id()) && !reported.contains(order.id())
                    && !notSent.contains(order.id())) {
                out.add("order " + order.id() + " is open in the engine (" + order.status() + ") but not working at the broker");
            }
        }
        Set<Symbol> symbols = new TreeSet<>(Comparator.comparing(Symbol::value));
        symbols.addAll(portfolio.symbols());
        symbols.addAll(broker.positions().keySet());
        for (Symbol symbol : symbols) {
            long engine = portfolio.accountQuantityRaw(symbol) + inFlightFills.getOrDefault(symbol, 0L);
            Quantity atBroker = broker.positions().get(symbol);
            long brokerRaw = atBroker == null ? 0 : atBroker.raw();
            if (engine != brokerRaw) {
                out.add("position " + symbol + ": " + Quantity.ofRaw(engine) + " in the engine, " + Quantity.ofRaw(brokerRaw)
                        + " at the broker");
            }
        }
        return out;
    }

    /**
     * The engine's open orders the venue neither works nor knows, that no report in flight names, that were not held
     * back, and that the adapter proves never left ({@code mayHaveSent} false): the process died after journaling
     * them, before they went out.
     */
    static List<Order> neverSent(Collection<Order> engineOpen, Set<ClientOrderId> held, Collection<BrokerReport> inFlight,
                                 BrokerState broker, Predicate<ClientOrderId> mayHaveSent) {
        Set<ClientOrderId> reported = reportedOrders(inFlight);
        List<Order> out = new ArrayList<>();
        for (Order order : engineOpen) {
            ClientOrderId id = order.id();
            if (!broker.openOrders().containsKey(id) && !broker.knownOrders().contains(id) && !reported.contains(id)
                    && !held.contains(id) && !mayHaveSent.test(id)) {
                out.add(order);
            }
        }
        return out;
    }

    /** The orders the reports in flight name: the broker had them, whatever its answer left out. */
    private static Set<ClientOrderId> reportedOrders(Collection<BrokerReport> inFlight) {
        Set<ClientOrderId> reported = new HashSet<>();
        for (BrokerReport report : inFlight) reported.add(report.orderId());
        return reported;
    }

    /**
     * The reports in flight that will still change the books: a fill whose trade id the engine already booked (a venue
     * sending again what the journal holds, after a restart set the session back) is left out, and so is a second
     * copy of one in flight, since the engine ignores both when it takes them.
     */
    static List<BrokerReport> notYetBooked(Collection<BrokerReport> inFlight, Predicate<Fill> booked) {
        List<BrokerReport> out = new ArrayList<>();
        Set<String> tradeIds = new HashSet<>();
        for (BrokerReport report : inFlight) {
            if (report instanceof Fill fill && (booked.test(fill) || !tradeIds.add(fill.tradeId()))) continue;
            out.add(report);
        }
        return out;
    }

    private static String sample(List<ClientOrderId> ids) {
        int shown = Math.min(ids.size(), 5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown; i++) text.append(i == 0 ? "" : ", ").append(ids.get(i).value());
        return ids.size() > shown ? text + ", ..." : text.toString();
    }
}
