package dev.ballast.runtime.live;

import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.risk.RiskScope;
import dev.ballast.model.TradingState;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.event.ResumeTrading;
import dev.ballast.runtime.recovery.JournaledBroker;
import dev.ballast.runtime.recovery.VenueReconciliation;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * After a live venue's connection came back: a lost connection halted the account (the engine cannot know what its
 * orders did meanwhile); once the adapter is connected again the venue is reconciled on the engine thread (fills
 * missed meanwhile come in as reports first), and only when it matches does trading resume, by a journaled
 * {@link ResumeTrading} from {@value #OPERATOR}. A venue that differs or does not answer leaves the account HALTED with
 * the reason; so does a halt for any other reason, which an operator lifts. The first logon of a run is not a
 * reconnection (the run reconciles at its start).
 *
 * <p>Threading: {@link #changed} is called on the adapter's thread; the reconciliation runs on the engine thread.
 */
final class ReconnectReconciliation {
    static final String OPERATOR = "ballast:reconnect";

    private final Duration queryTimeout;
    private TradingEngine engine;
    private JournaledBroker gate;
    private boolean loggedOnBefore;
    private boolean connected;

    ReconnectReconciliation(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    /** The engine and the write-ahead gate the run wired; before this, connection changes are only noted. */
    synchronized void bind(TradingEngine engine, JournaledBroker gate) {
        this.engine = engine;
        this.gate = gate;
    }

    /** The adapter's connection changed. */
    void changed(boolean up) {
        TradingEngine target;
        synchronized (this) {
            connected = up;
            notifyAll();
            if (!up) return;
            boolean reconnect = loggedOnBefore;
            loggedOnBefore = true;
            if (!reconnect || engine == null) return;
            target = engine;
        }
        target.runOnEngineThread(() -> reconcile(target));
    }

    synchronized boolean connected() {
        return connected;
    }

    /** Waits, at most {@code timeout}, until the adapter is connected; whether it is. */
    synchronized boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while (!connected && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return connected;
    }

    private void reconcile(TradingEngine target) {
        RiskScope account = RiskScope.ACCOUNT;
        if (target.risk().states().state(account) != TradingState.HALTED
                || target.risk().states().reason(account) != TradingStateReason.BROKER_DISCONNECTED) {
            return; // not halted by the disconnection: nothing this may lift
        }
        VenueReconciliation.Result result = VenueReconciliation.reconcile(target, gate, queryTimeout);
        if (result.matched()) {
            target.post(new ResumeTrading(null, OPERATOR, "the venue reconnected and its orders and positions match the "
                    + "engine's", target.clock().nanos()));
        }
    }
}
