package dev.ballast.runtime.recovery;

import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.model.Order;
import dev.ballast.model.event.BrokerReconciled;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the venue what it holds and compares it with the engine, before anything the write-ahead gate holds back goes
 * out: after a resume's re-execution ({@link RunRecovery}), and when a live run starts, before its first order. The
 * outcome is published as {@link BrokerReconciled} (and so journaled). When they match, what was held back is
 * released; when they differ, or the venue does not answer in time (its state is unknown, never taken for flat), the
 * account HALTS with the differences as the reason and what was held back is rejected. Engine thread only.
 */
public final class VenueReconciliation {
    /** Whether the venue matched the engine, and if not, why. */
    public record Result(boolean matched, String detail) {
    }

    private VenueReconciliation() {}

    public static Result reconcile(TradingEngine engine, JournaledBroker broker, Duration queryTimeout) {
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
        List<String> differences = Reconciliation.differences(open, broker.heldOrders(), engine.portfolio(),
                engine.replay().inFlightReports(), state, id -> engine.orders().order(id) != null);
        int positions = (int) engine.portfolio().symbols().stream()
                .filter(s -> engine.portfolio().accountQuantityRaw(s) != 0).count();
        engine.replay().publish(new BrokerReconciled(differences.isEmpty(), differences, open.size(), positions,
                engine.clock().nanos()));
        if (differences.isEmpty()) {
            broker.release(state); // the paper venue still takes the orders it already had as its rebuild
            return new Result(true, null);
        }
        return halt(engine, broker, String.join("; ", differences)); // as a replay rebuilds it from the journaled event
    }

    private static Result unknown(TradingEngine engine, JournaledBroker broker, String why) {
        String line = "broker state unknown (query failed: " + why + "); it is not taken for flat";
        engine.replay().publish(new BrokerReconciled(false, List.of(line), engine.orders().openOrders().size(), 0,
                engine.clock().nanos()));
        return halt(engine, broker, line);
    }

    private static Result halt(TradingEngine engine, JournaledBroker broker, String why) {
        engine.risk().onReconciliationFailed(why);
        broker.refuseHeld("reconciliation with the broker failed");
        return new Result(false, why);
    }
}
