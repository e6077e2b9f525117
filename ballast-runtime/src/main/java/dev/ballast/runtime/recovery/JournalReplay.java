package dev.ballast.runtime.recovery;

import dev.ballast.model.event.BrokerReconciled;
import java.util.function.Consumer;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.codec.RecordDecoder;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.StrategyId;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelOrder;
import dev.ballast.model.event.Event;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.ModifyOrder;
import dev.ballast.model.event.StrategyRequest;
import dev.ballast.model.event.SubmitBracket;
import dev.ballast.model.event.SubmitOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Re-executes a real-time run from its journal, on the engine thread, until every stored record is matched.
 *
 * <p>What the engine decides is re-derived; what came from outside is taken from the journal. The journal says
 * which inputs the engine took, in which order, at which engine time (each input is handled at one time, see
 * {@link dev.ballast.engine.clock.InputClock}): strategy requests, operator commands and system events are fed
 * as journaled; a broker report that was released from the engine's schedule is released where the journal
 * says; market data comes from the run's own files, up to each {@link RunJournal.DataPosition}. Everything the
 * engine produces in response (order states, risk decisions, fills booked, the paper venue's reports) is made
 * again and matched record by record ({@link ResumedJournal}). So the replay needs no deterministic timing: a
 * paper run at any speed, and later a live run, comes back exactly as it was.
 *
 * <p>The strategies run meanwhile, in the shadow: they get every callback again, in order, so their own state
 * (indicators, pending orders) is rebuilt, but what they send is kept aside, since the journal holds what they
 * sent. Afterwards, {@link #afterReplay} bumps each strategy's order ids past the journal's and returns the
 * requests the shadow sent that the journal never saw (sent just before the crash, never recorded): they are
 * still to be handled.
 *
 * <p>Engine thread only.
 */
final class JournalReplay {
    private final TradingEngine engine;
    private final ResumedJournal journal;
    private final RecordDecoder decoder = RunJournal.decoder();
    private final Set<String> journaledRequests = new HashSet<>();
    private final Map<StrategyId, Long> highestIds = new HashMap<>();
    private long fed;
    private long firstData = Long.MIN_VALUE;
    private long lastData = Long.MIN_VALUE;

    private final Consumer<BrokerReconciled> reconciled;

    /**
     * @param reconciled re-applies the outcome of an earlier resume's reconciliation, which the journal holds
     *                   (a run that crashed again after a resume)
     */
    JournalReplay(TradingEngine engine, ResumedJournal journal,
                  Consumer<BrokerReconciled> reconciled) {
        this.engine = engine;
        this.journal = journal;
        this.reconciled = reconciled;
    }

    /** Feeds the journal's inputs and the feed's data until every stored record is matched or one differs. */
    void run(MarketDataSource source) {
        engine.replay().shadowStrategies(true);
        try {
            replay(source);
        } catch (RuntimeException e) {
            journal.refuse(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void replay(MarketDataSource source) {
        JournalRecord next;
        while ((next = journal.expected()) != null) {
            Record record = decoder.decode(next.type(), next.payload());
            switch (record) {
                // The mark is passed over once the engine reaches it (ResumedJournal), so that a mark that is the
                // journal's last record hands over inside the data's own handling, as a mark elsewhere does.
                case RunJournal.DataPosition position -> feedTo(source, position);
                case BrokerReconciled outcome ->
                        engine.replay().runAt(next.engineTime(), () -> reconciled.accept(outcome));
                case MarketData data -> {
                    MarketData fromFeed = source.next();
                    if (!data.equals(fromFeed)) {
                        throw new IllegalStateException("the feed gives " + fromFeed + " where the journal has " + data
                                + ": the data files changed");
                    }
                    count(fromFeed);
                    engine.replay().processAt(fromFeed, next.engineTime());
                }
                case BrokerReport report when report.equals(engine.replay().nextScheduled()) ->
                        engine.replay().releaseScheduledAt(next.engineTime());
                case StrategyRequest request -> {
                    remember(request);
                    engine.replay().processAt(request, next.engineTime());
                }
                case Event input -> engine.replay().processAt(input, next.engineTime());
                default -> {
                    journal.refuse("the journal has " + next.type() + " " + decoder.text(next.type(), next.payload())
                            + " where the re-executed run, waiting for its next input, produced nothing");
                    return;
                }
            }
            awaitStrategies();
        }
    }

    /** Feeds market data up to the position: the last event at the journaled time, the ones before it at their own. */
    private void feedTo(MarketDataSource source, RunJournal.DataPosition position) {
        while (engine.dataEvents() < position.events()) {
            MarketData data = source.next();
            if (data == null) {
                throw new IllegalStateException("the feed ends after " + engine.dataEvents() + " events where the journal "
                        + "has " + position.events() + ": the data files changed");
            }
            count(data);
            engine.replay().processAt(data, engine.dataEvents() + 1 == position.events() ? position.time() : data.timestamp());
            awaitStrategies();
        }
    }

    private void count(MarketData data) {
        fed++;
        if (firstData == Long.MIN_VALUE) firstData = data.timestamp();
        lastData = data.timestamp();
    }

    /** The shadow strategies see each event before the next, as they did when the run was live at max speed. */
    private void awaitStrategies() {
        while (!engine.strategies().caughtUp()) LockSupport.parkNanos(10_000);
    }

    private void remember(StrategyRequest request) {
        journaledRequests.add(key(request));
        switch (request) {
            case SubmitOrder submit -> highest(submit.strategyId(), submit.orderId());
            case SubmitBracket bracket -> {
                highest(bracket.strategyId(), bracket.entryId());
                highest(bracket.strategyId(), bracket.takeProfitId());
                highest(bracket.strategyId(), bracket.stopLossId());
            }
            default -> { }
        }
    }

    private void highest(StrategyId strategy, ClientOrderId id) {
        String prefix = strategy.value() + "-";
        if (id == null || !id.value().startsWith(prefix)) return;
        try {
            long sequence = Long.parseLong(id.value().substring(prefix.length()));
            highestIds.merge(strategy, sequence, Math::max);
        } catch (NumberFormatException e) {
            // not a strategy-sequence id: nothing to reserve
        }
    }

    private static String key(StrategyRequest request) {
        ClientOrderId id = switch (request) {
            case SubmitOrder s -> s.orderId();
            case SubmitBracket b -> b.entryId();
            case CancelOrder c -> c.orderId();
            case ModifyOrder m -> m.orderId();
            default -> null;
        };
        return request.getClass().getSimpleName() + "|" + request.strategyId() + "|" + id;
    }

    /**
     * Ends the shadow: every strategy's next id is past the journal's, and the requests the shadow sent that the
     * journal does not hold are returned, in order, to be handled as new.
     */
    List<StrategyRequest> afterReplay() {
        awaitStrategies();
        List<StrategyRequest> kept = engine.replay().shadowStrategies(false);
        highestIds.forEach((strategy, sequence) -> engine.strategies().reserveOrderIds(strategy, sequence + 1));
        List<StrategyRequest> unrecorded = new ArrayList<>();
        for (StrategyRequest request : kept) {
            if (!journaledRequests.contains(key(request))) unrecorded.add(request);
        }
        return unrecorded;
    }

    long fed() {
        return fed;
    }

    long firstData() {
        return firstData;
    }

    long lastData() {
        return lastData;
    }
}
