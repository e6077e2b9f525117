package dev.ballast.runtime.live;

import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.runtime.recovery.JournaledBroker;

import java.time.Duration;

/**
 * A live run's venue as the run uses it: the adapter (its client order ids made this run's own, see
 * {@link VenueOrderIds}), started once the engine takes its reports, closed when the run ends, and how long a
 * status query may take before the venue's state counts as unknown.
 */
public final class LiveVenue implements AutoCloseable {
    private final BrokerageInterface broker;
    private final Runnable start;
    private final AutoCloseable adapter;
    private final Duration queryTimeout;
    private final ReconnectReconciliation reconnects;

    LiveVenue(BrokerageInterface broker, Runnable start, AutoCloseable adapter, Duration queryTimeout,
              ReconnectReconciliation reconnects) {
        this.broker = broker;
        this.start = start;
        this.adapter = adapter;
        this.queryTimeout = queryTimeout;
        this.reconnects = reconnects;
    }

    /** The engine and the write-ahead gate the run wired: a reconnection is reconciled through them. */
    public void bind(TradingEngine engine, JournaledBroker gate) {
        reconnects.bind(engine, gate);
    }

    public BrokerageInterface broker() {
        return broker;
    }

    /** Connects to the venue; returns at once (the adapter logs on in the background). */
    public void start() {
        start.run();
    }

    /**
     * Waits, at most the query timeout, for the adapter to log on (a new run's reconciliation needs the session); a
     * venue still not connected then fails the reconciliation (see {@link JournaledBroker#venueConnectedBy}): the
     * account halts.
     */
    public void awaitConnected() {
        try {
            reconnects.awaitConnected(queryTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the adapter is connected to the venue now. Any thread. */
    public boolean connected() {
        return reconnects.connected();
    }

    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** Disconnects from the venue; a failure to close cleanly is not the run's failure. */
    @Override
    public void close() {
        try {
            adapter.close();
        } catch (Exception e) {
            System.err.println("warning: the venue connection did not close cleanly: " + e.getMessage());
        }
    }
}
