package dev.ballast.runtime;

import dev.ballast.model.ClientOrderId;
import dev.ballast.runtime.recovery.VenueReconciliation;
import dev.ballast.engine.RunResult;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.monitor.analytics.RunAnalytics;
import dev.ballast.model.RunMode;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.StopEngine;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.recovery.RunRecovery;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished run produced: its result and analytics, the engine in its final state (books, orders, equity
 * curve), the fills in the order they were booked, and where its journal and results are. Immutable apart from
 * the engine, which nothing changes once the run is over.
 *
 * @param output   the run folder, or null for a run kept in memory (a lifecycle gate's backtest)
 * @param journal  the journal's location, records and head, or null when the run was not journaled
 * @param recovery for a resume, how the re-execution and reconciliation ended; else null
 * @param analytics the performance and execution-quality statistics, or null for a run built without them
 * @param startReconciliation for a new live run, how its venue compared with the engine before the first order; else null
 * @param fatal    why the run could not go on (a strategy callback past the hard limit), or empty
 */
public record RunOutcome(RunPlan plan, RunMode mode, Path output, RunResult result, TradingEngine engine,
                         List<FillBooked> fills, RunAnalytics analytics,
                         VenueReconciliation.Result startReconciliation, JournalSummary journal,
                         RecoverySummary recovery, List<String> fatal) {
    public RunOutcome {
        fills = List.copyOf(fills);
        fatal = List.copyOf(fatal);
    }

    /** The command that stopped the run when an operator or a signal did; null when its data ran out. */
    public StopEngine stoppedBy() {
        StopEngine stop = engine.stopCommand();
        return stop != null && stop.byOperator() ? stop : null;
    }

    /** Whether a resume was refused (the run does not re-execute as journaled): no results were written. */
    public boolean refused() {
        return recovery != null && recovery.outcome() == RunRecovery.Outcome.REFUSED;
    }

    /**
     * A run's journal after it was closed.
     *
     * @param failed whether the journal failed during the run (the account was halted: JOURNAL_FAILURE)
     */
    public record JournalSummary(String location, long records, String head, boolean failed) {
    }

    /** How a resume ended: records matched by re-execution, requests never journaled, reconciliation. */
    public record RecoverySummary(RunRecovery.Outcome outcome, String detail, long matchedRecords,
                                  int unrecordedRequests, List<ClientOrderId> closedNeverSent) {
        public RecoverySummary {
            closedNeverSent = List.copyOf(closedNeverSent);
        }
    }
}
