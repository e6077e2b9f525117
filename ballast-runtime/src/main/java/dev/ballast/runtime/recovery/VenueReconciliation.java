package dev.ballast.runtime.recovery;

import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.BrokerReconciled;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the venue what it holds and compares it with the engine, before anything the write-ahead gate holds back goes
 * out: after a resume's re-execution ({@link RunRecovery}), and when a live run starts, before its first order. The
 * outcome is published as {@link BrokerReconciled} (and so journaled). When they match, what was held back is
 * released; when they differ, or the venue does not answer in time (its state is unknown, never taken for flat), the
 * account HALTS with the differences as the reason and what was held back is rejected. An order the engine has open
 * that the adapter proves never left (the process died between its journal record and its message) is no difference:
 * it is closed in the engine, rejected or canceled, through the journal. Engine thread only.
 */
public final class VenueReconciliation {
    /**
     * Whether the venue matched the engine, and if not, why; and the orders closed because they never left (see
     * {@link JournaledBroker#mayHaveSent}), in the engine's order.
     */
    public record Result(boolean matched, String detail, List<ClientOrderId> closedNeverSent) {
        public Result {
            closedNeverSent = List.copyOf(closedNeverSent);
        }
    }

    private VenueReconciliation() {}

    public static Result reconcile(TradingEngine engine, JournaledBroker broker, Duration queryTimeout) {
        // An adapter may answer the query over REST while its report stream is down (Alpaca): trading on that answer
        // would send orders whose fills never reach the engine.
        if (!broker.venueConnected()) {
            return unknown(engine, broker, "the venue's connection is not up, so its reports would not reach the engine");
        }
        BrokerState state;
        try {
            state = broker.queryState().get(queryTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return unknown(engine, broker, cause.getMessage() != null ? cause.getMessage() : cause.toString());
        } catch (TimeoutException e) {
            return unknown(engine, broker, "no answer within " + queryTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(engine, broker, "interrupted");
        }
        List<Order> open = engine.orders().openOrders();
        List<BrokerReport> inFlight = Reconciliation.notYetBooked(engine.replay().inFlightReports(),
                engine.orders()::isDuplicateFill);
        Set<ClientOrderId> held = broker.heldOrders();
        List<Order> neverSent = Reconciliation.neverSent(open, held, inFlight, state, broker::mayHaveSent);
        Set<ClientOrderId> notAtBroker = new HashSet<>(held);
        for (Order order : neverSent) notAtBroker.add(order.id());
        List<String> differences = Reconciliation.differences(open, notAtBroker, engine.portfolio(), inFlight, state,
                id -> engine.orders().order(id) != null);
        int positions = (int) engine.portfolio().symbols().stream()
                .filter(s -> engine.portfolio().accountQuantityRaw(s) != 0).count();
        engine.replay().publish(new BrokerReconciled(differences.isEmpty(), differences, open.size(), positions,
                engine.clock().nanos()));
        if (differences.isEmpty()) {
            closeNeverSent(engine, broker, neverSent);
            broker.release(state); // the paper venue still takes the orders it already had as its rebuild
            return new Result(true, null, neverSent.stream().map(Order::id).toList());
        }
        return halt(engine, broker, String.join("; ", differences), neverSent); // as a replay rebuilds it from the journaled event
    }

    /**
     * The broker never had them, by the adapter's own record: they end here whatever else the venue says, closed as
     * the engine has them now (after a halt's cancels: canceled).
     */
    private static void closeNeverSent(TradingEngine engine, JournaledBroker broker, List<Order> neverSent) {
        for (Order order : neverSent) broker.closeNeverSent(engine.orders().order(order.id()));
    }

    private static Result unknown(TradingEngine engine, JournaledBroker broker, String why) {
        String line = "broker state unknown (query failed: " + why + "); it is not taken for flat";
        engine.replay().publish(new BrokerReconciled(false, List.of(line), engine.orders().openOrders().size(), 0,
                engine.clock().nanos()));
        return halt(engine, broker, line, List.of());
    }

    /**
     * Halts the account, whose open orders the halt cancels (held back, as every call is here), then closes the orders
     * that never left and refuses what was held back: closed before the halt, an order would be rejected in the
     * engine while its cancel was pending (a transition the order table refuses), and that cancel sent for an order the
     * broker never had, which answers it as unknown and leaves the order open in the engine.
     */
    private static Result halt(TradingEngine engine, JournaledBroker broker, String why, List<Order> neverSent) {
        engine.risk().onReconciliationFailed(why);
        closeNeverSent(engine, broker, neverSent);
        broker.refuseHeld("reconciliation with the broker failed");
        return new Result(false, why, neverSent.stream().map(Order::id).toList());
    }
}
