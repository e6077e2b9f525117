package dev.ballast.engine;

import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Event;
import dev.ballast.model.event.StrategyRequest;

import java.util.List;
import java.util.function.Consumer;

/**
 * What re-executing a run from its journal needs of the engine, and nothing else: inputs handled at the engine
 * time the journal recorded, scheduled reports released where the journal says, strategies run "in the shadow"
 * (their requests kept aside), a hook between inputs, and the events a recovery publishes. Obtained from
 * {@link TradingEngine#replay()}; the runtime's recovery is its one user.
 *
 * <p>Threading: engine thread only, like the engine.
 */
public interface EngineReplay {
    /**
     * Runs {@code action} at engine time {@code time} as if it were an input (a re-executed run re-applying what an
     * earlier resume did between two inputs), then handles what it caused. Needs an {@code InputClock}.
     */
    void runAt(long time, Runnable action);

    /** Handles one input to completion at engine time {@code time} (the time the journal says the engine took it). */
    void processAt(Event event, long time);

    /** Applies the earliest scheduled report at engine time {@code time}; false when none is scheduled. */
    boolean releaseScheduledAt(long time);

    /** The earliest report scheduled for later, or null. */
    BrokerReport nextScheduled();

    /**
     * Reports the broker has sent that the engine has not applied yet: stamped later, or waiting in the queue from other
     * threads (for reconciliation).
     */
    List<BrokerReport> inFlightReports();

    /** Where the engine is in its feed, for the journal's {@code DataPosition} marks. */
    RunJournal.DataProgress dataProgress();

    /**
     * While on, requests the strategies send are kept aside instead of handled (a re-executed run takes its
     * strategies' requests from the journal; the strategies run only to rebuild their own state). Returns what
     * was kept aside when turned off.
     */
    List<StrategyRequest> shadowStrategies(boolean on);

    /** Sets the hook run after each input has been handled to completion, before the next one. */
    void setBoundaryHook(Runnable hook);

    /** Sets the hook that sees every input before it is handled; market data only when {@code marketData}. */
    void setInputRecorder(Consumer<Event> recorder, boolean marketData);

    /** Publishes an event of the recovery's own (a reconciliation outcome) to every listener. */
    void publish(EngineEvent event);
}
