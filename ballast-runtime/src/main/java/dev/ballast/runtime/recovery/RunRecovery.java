package dev.ballast.runtime.recovery;

import dev.ballast.model.ClientOrderId;
import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.model.EpochNanos;
import dev.ballast.model.event.StrategyRequest;
import java.time.Instant;
import dev.ballast.engine.RealtimeRunner;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.event.BrokerReconciled;
import dev.ballast.model.event.JournalFailed;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * Brings a real-time run back after its process died: the run is re-executed from its journal
 * ({@link JournalReplay}: the journaled inputs fed at their journaled times, the engine's own records made again
 * and matched one by one by {@link ResumedJournal}); when every durable record has been matched, the engine's
 * orders, positions, cash, risk state and strategies are what they were at the last durable record. Then, before
 * any further input is handled, the broker is reconciled: its open orders and positions must equal the engine's.
 * Until that has succeeded, nothing new reaches the broker ({@link JournaledBroker} holds it back); when it fails,
 * or the broker cannot be asked (its state is unknown, never taken for flat), the account is HALTED and what was
 * held back is rejected. Either way the outcome is published as {@link BrokerReconciled} and journaled.
 *
 * <p>A run that does not re-execute as journaled (changed code, configuration or data) is refused at the first
 * record that differs, with both versions in the message. Engine thread only, except {@link #outcome}.
 */
public final class RunRecovery {
    /** How a resume ended. */
    public enum Outcome { REPLAYING, RECONCILED, HALTED_UNRECONCILED, REFUSED }

    private final TradingEngine engine;
    private final JournaledBroker broker;
    private final RunJournal live;
    private final ResumedJournal resumed;
    private final Duration queryTimeout;
    private final Runnable brokerRecovered;
    private final String runName;
    private volatile Outcome outcome = Outcome.REPLAYING;
    private volatile String detail;
    private boolean reconcileDue;
    private List<ClientOrderId> closedNeverSent = List.of();
    private JournalReplay replay;
    private int unrecordedRequests;

    /**
     * @param stored          the journal's records after its run-start record
     * @param brokerRecovered told when reconciliation succeeded (the paper venue ends its own rebuild then)
     */
    public RunRecovery(TradingEngine engine, JournaledBroker broker, RunJournal live, Iterator<JournalRecord> stored,
                       String runName, Duration queryTimeout, Runnable brokerRecovered) {
        this.engine = engine;
        this.broker = broker;
        this.live = live;
        this.runName = runName;
        this.queryTimeout = queryTimeout;
        this.brokerRecovered = brokerRecovered;
        this.resumed = new ResumedJournal(stored, live, live.recordsMarketData(), this::allMatched);
        resumed.onEarlierResume(broker::hold);
    }

    /** Wires the recovery into the engine; call before {@link TradingEngine#start}. */
    public void attach() {
        // From the strategies' onStart on, the run is re-executed: what they do must not depend on this machine's load.
        engine.strategies().reExecuting(true);
        resumed.timeInputsBy(engine.clock()::nanos);
        resumed.countDataBy(engine::dataEvents);
        engine.subscribe(resumed);
        engine.replay().setInputRecorder(resumed, resumed.recordsMarketData());
        live.onFailure(failure -> engine.post(new JournalFailed(failure, engine.clock().nanos())));
        engine.replay().setBoundaryHook(this::atBoundary);
        resumed.begin();
    }

    /**
     * Re-executes the run from its journal, taking market data from {@code source} as far as the journal reaches;
     * the feed goes on from there. Call on the engine thread after {@link TradingEngine#start}. Requests the
     * strategies sent that the journal never recorded (in flight at the crash) are then handled as new.
     */
    public RealtimeRunner.Replayed replay(MarketDataSource source) {
        replay = new JournalReplay(engine, resumed, this::reapply);
        replay.run(source);
        if (resumed.divergence() != null) {
            atBoundary();
        } else if (reconcileDue) {
            // Everything stored was matched between two inputs: reconcile now, before the feed goes on.
            engine.replay().runAt(engine.clock().nanos(), this::atBoundary);
        }
        List<StrategyRequest> unrecorded = replay.afterReplay();
        engine.strategies().reExecuting(false); // the strategies are idle (caught up); real time from here
        unrecordedRequests = unrecorded.size();
        // Handled now, each as an input of its own, so that a later replay finds them where they are journaled.
        if (outcome != Outcome.REFUSED) unrecorded.forEach(engine::process);
        return new RealtimeRunner.Replayed(replay.fed(), replay.firstData(), replay.lastData());
    }

    /** Requests the shadow strategies sent that the journal did not hold, handled as new after the replay. */
    public int unrecordedRequests() {
        return unrecordedRequests;
    }

    private void allMatched() {
        // New records continue the chain; where the feed stands is marked from here on.
        live.trackInputs(engine.clock()::nanos, engine.replay().dataProgress());
        broker.hold();
        live.resumed(engine.clock().nanos(), new RunJournal.RunResumed(runName, resumed.matched(),
                RunJournal.class.getPackage().getImplementationVersion(), System.getProperty("java.version"),
                EpochNanos.of(Instant.now())));
        reconcileDue = true;
    }

    /** Between two inputs: refuse a divergent run, or reconcile once everything durable has been matched. */
    private void atBoundary() {
        if (outcome == Outcome.REFUSED) return;
        if (resumed.divergence() != null) {
            detail = "resume refused: the re-executed run does not match its journal: " + resumed.divergence();
            outcome = Outcome.REFUSED;
            engine.requestStop(detail);
            return;
        }
        if (reconcileDue) {
            reconcileDue = false;
            reconcile();
        }
    }

    /**
     * Called by the runner when the data is exhausted: a journal holding more records than the re-executed run
     * produced is refused too, and a run that ended exactly at its last durable record is reconciled now.
     */
    public void atEnd() {
        atBoundary();
        if (outcome == Outcome.REPLAYING && !resumed.allMatched() && resumed.divergence() == null) {
            detail = "resume refused: the journal holds records after record " + resumed.matched()
                    + " that the re-executed run never produced";
            outcome = Outcome.REFUSED;
        }
    }

    private void reconcile() {
        VenueReconciliation.Result result = VenueReconciliation.reconcile(engine, broker, queryTimeout);
        detail = result.detail();
        closedNeverSent = result.closedNeverSent();
        if (result.matched()) {
            outcome = Outcome.RECONCILED;
            brokerRecovered.run();
        } else {
            outcome = Outcome.HALTED_UNRECONCILED;
        }
    }

    /**
     * An earlier resume's reconciliation, as journaled: published again, what it held back released or refused as
     * it was, and when it failed, the halt again.
     */
    private void reapply(BrokerReconciled earlier) {
        engine.replay().publish(earlier);
        if (earlier.matched()) {
            broker.replayRelease();
        } else {
            engine.risk().onReconciliationFailed(String.join("; ", earlier.mismatches()));
            broker.replayRefuse("reconciliation with the broker failed");
        }
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Orders the journal held whose messages never left before the crash: the reconciliation closed them. */
    public List<ClientOrderId> closedNeverSent() {
        return closedNeverSent;
    }

    /** Why the resume was refused or the account halted, or null. */
    public String detail() {
        return detail;
    }

    /** Stored records matched by the re-execution. */
    public long matchedRecords() {
        return resumed.matched();
    }
}
