package dev.ballast.engine;

import dev.ballast.engine.order.OrderFlow;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.bus.EngineEventListener;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import dev.ballast.engine.clock.DataDrivenClock;
import dev.ballast.engine.clock.InputClock;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.monitor.ExecutionMonitor;
import dev.ballast.engine.order.OrderManager;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.portfolio.PortfolioSnapshot;
import dev.ballast.engine.risk.RiskManager;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.PortfolioView;
import dev.ballast.engine.strategy.StrategyExecutor;
import dev.ballast.engine.strategy.StrategyRequestSink;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.Price;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.JournalFailed;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.event.FlattenPositions;
import dev.ballast.model.event.HaltTrading;
import dev.ballast.model.event.ResumeTrading;
import dev.ballast.model.event.SystemEvent;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Event;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.OperatorCommand;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.RiskActionRequested;
import dev.ballast.model.event.QuarantineStrategy;
import dev.ballast.model.event.Quote;
import dev.ballast.model.event.StopEngine;
import dev.ballast.model.event.OpenOrdersOnStop;
import dev.ballast.model.event.ReduceOnly;
import dev.ballast.model.event.UnquarantineStrategy;
import dev.ballast.model.event.StrategyRequest;
import dev.ballast.model.event.TradeTick;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The composition root of one run: it builds the components of ADR-0017 around one clock and one
 * broker, and is the one place events enter them. It owns the engine thread's queues:
 *
 * <ul>
 *   <li>a local queue for what the engine thread itself produces (a simulated broker's reports,
 *       backtest strategies' requests), drained to empty after every event;</li>
 *   <li>an external lock-free multi-producer queue for what other threads send (market data replayed in real
 *       time, real-time strategies' requests, a live broker's reports, operator commands);</li>
 *   <li>a time-ordered queue of reports stamped in the future (simulated latency), released when
 *       engine time reaches them.</li>
 * </ul>
 * Backtest and real time differ only in the clock, the feed and the broker wired in.
 *
 * <p>Threading: every method except {@link #post}, {@link #runOnEngineThread} and {@link #snapshot} runs on the
 * engine thread, the thread that called {@link #start}. No locks on the path of an event.
 */
public final class TradingEngine implements AutoCloseable {
    private final Clock clock;
    private final DataDrivenClock dataClock;
    private final BrokerageInterface broker;
    private final EngineEventBus events = new EngineEventBus();
    private final PortfolioManager portfolio;
    private final OrderManager orders;
    private final RiskManager risk;
    private final ExecutionMonitor monitor = new ExecutionMonitor();
    private final StrategyExecutor strategies;
    private final OrderFlow flow;
    private final ArrayDeque<Event> local = new ArrayDeque<>();
    private final Queue<Event> external = new ConcurrentLinkedQueue<>();
    private final AtomicInteger externalSize = new AtomicInteger();
    private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>();
    private volatile PortfolioSnapshot snapshot;
    private Thread engineThread;
    /** Whether the engine thread is parked in {@link #parkIdle}: a post from another thread then wakes it. */
    private volatile boolean parked;
    private long scheduleSequence;
    private boolean stopRequested;
    private String stopReason;
    private StopEngine stopCommand;
    /** Read-only work other threads ask of the engine thread (an operator's snapshot), run between inputs. */
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private long eventsProcessed;
    private Consumer<Event> inputRecorder;
    private boolean recordMarketData;
    private Runnable boundaryHook;
    private final boolean realTime;
    private final InputClock inputClock;
    private long dataEvents;
    private long lastDataTime = Long.MIN_VALUE;
    private volatile Queue<StrategyRequest> shadowRequests;
    private final Replay replay = new Replay();

    /**
     * @param clock        a {@link SimulatedClock} for a backtest, a {@link dev.ballast.engine.clock.ReplayClock} for
     *                     paper trading over replayed data (the engine advances both to each event), the wall
     *                     clock for a live feed
     * @param fatalHandler told, on another thread, when the run cannot go on (a strategy callback past the hard
     *                     limit in a backtest or a re-execution)
     */
    public TradingEngine(EngineSettings settings, Clock clock, BrokerageInterface broker, List<StrategySpec> strategySpecs,
                         Consumer<String> fatalHandler) {
        this.clock = clock;
        this.dataClock = clock instanceof DataDrivenClock driven ? driven : null;
        this.broker = broker;
        this.realTime = settings.mode().realTime();
        this.inputClock = clock instanceof InputClock input ? input : null;
        this.portfolio = new PortfolioManager(settings.initialCash(), settings.instruments());
        this.orders = new OrderManager(clock, events, broker);
        this.risk = new RiskManager(settings.risk(), portfolio, orders, clock, events);
        StrategyRequestSink requestSink = this::onStrategyRequest;
        PortfolioView view = settings.mode() == RunMode.BACKTEST
                ? new LivePortfolioView(portfolio)
                : new SnapshotPortfolioView(this::snapshot, settings.instruments());
        this.strategies = new StrategyExecutor(settings.mode(), settings.isolation(), clock, requestSink, view, fatalHandler);
        this.flow = new OrderFlow(clock, events, orders, risk, portfolio, monitor, strategies);
        for (StrategySpec spec : strategySpecs) {
            for (var symbol : spec.symbols()) {
                if (portfolio.instrument(symbol) == null) {
                    throw new IllegalArgumentException("strategy " + spec.id() + " trades " + symbol
                            + ", which is not an instrument of the run");
                }
            }
            strategies.add(spec.id(), spec.strategy(), spec.symbols());
            portfolio.addStrategy(spec.id());
        }
        // Bookkeeping first, strategies last: a strategy's callback sees every book already updated.
        events.subscribe(risk::on);
        events.subscribe(monitor);
        // Execution alerts are events like any other: the audit trail and the metrics see them.
        monitor.setAlertBands(null, events::publish);
        events.subscribe(flow);
        if (settings.mode().realTime()) {
            // Real-time strategies read snapshots: publish one before they hear of the fill.
            events.subscribe(event -> {
                if (event instanceof FillBooked || event instanceof FillCorrectionBooked || event instanceof FillBustBooked) {
                    publishSnapshot();
                }
            });
        }
        events.subscribe(strategies);
        this.snapshot = portfolio.snapshot(clock.nanos());
        broker.connect(new BrokerReportSink() {
            @Override
            public void report(BrokerReport report) {
                enqueue(report);
            }

            @Override
            public void connectionChanged(BrokerConnectionChanged change) {
                enqueue(change);
            }
        });
    }

    /** Binds the engine to the calling thread and starts the strategies. */
    public void start() {
        engineThread = Thread.currentThread();
        strategies.start();
        drain();
        publishSnapshot();
    }

    /** Adds an event from any thread. */
    public void post(Event event) {
        enqueue(event);
    }

    private void enqueue(Event event) {
        if (Thread.currentThread() != engineThread) {
            externalSize.incrementAndGet();
            external.offer(event);
            wakeIfParked();
        } else if (event instanceof BrokerReport report && report.timestamp() > clock.nanos()) {
            scheduled.add(new Scheduled(report, scheduleSequence++));
        } else {
            local.add(event);
        }
    }

    /**
     * Moves engine time to {@code time}, first applying every scheduled report due by then in time
     * order. In real time (wall clock) only releases what is due.
     */
    public void advanceTo(long time) {
        while (!scheduled.isEmpty() && scheduled.peek().report.timestamp() <= time) {
            Scheduled next = scheduled.poll();
            if (dataClock != null) dataClock.advanceTo(next.report.timestamp());
            process(next.report);
        }
        if (dataClock != null) dataClock.advanceTo(time);
    }

    /** Handles one external event (or one market data event of a backtest feed) to completion. */
    public void process(Event event) {
        if (inputClock == null) {
            handle(event);
        } else {
            inputClock.freeze(inputClock.sourceNanos());
            handle(event);
            inputClock.thaw();
        }
    }

    /**
     * One input and everything it causes, then the boundary hook, before the next input. With assertions on (every
     * test run) the books are checked after each input.
     */
    private void handle(Event event) {
        dispatch(event);
        drain();
        atBoundary();
        assert booksHold();
    }

    private boolean booksHold() {
        verifyInvariants();
        return true;
    }

    /** The boundary hook, still at the input's time, and whatever it caused, handled before the next input. */
    private void atBoundary() {
        if (boundaryHook == null) return;
        boundaryHook.run();
        drain();
    }

    /** The narrow interface through which a run is re-executed from its journal (recovery). Engine thread. */
    public EngineReplay replay() {
        return replay;
    }

    private final class Replay implements EngineReplay {
        @Override
        public void runAt(long time, Runnable action) {
            if (inputClock == null) throw new IllegalStateException("runAt needs an InputClock");
            inputClock.freeze(time);
            action.run();
            drain();
            inputClock.thaw();
        }

        @Override
        public void processAt(Event event, long time) {
            if (inputClock == null) throw new IllegalStateException("processAt needs an InputClock");
            // Reports due before it were released where the journal says; only time moves here.
            if (event instanceof MarketData data) inputClock.advanceTo(data.timestamp());
            runAt(time, () -> handle(event));
        }

        @Override
        public boolean releaseScheduledAt(long time) {
            Scheduled next = scheduled.poll();
            if (next == null) return false;
            processAt(next.report, time);
            return true;
        }

        @Override
        public BrokerReport nextScheduled() {
            Scheduled next = scheduled.peek();
            return next == null ? null : next.report;
        }

        @Override
        public List<BrokerReport> inFlightReports() {
            List<BrokerReport> out = new ArrayList<>(scheduled.size());
            for (Scheduled s : scheduled) out.add(s.report);
            // A live adapter's reports wait in the queue from other threads: a fill the venue resent after a
            // reconnection is known there before the venue answers a status query sent after it.
            for (Event event : external) if (event instanceof BrokerReport report) out.add(report);
            return out;
        }

        @Override
        public RunJournal.DataProgress dataProgress() {
            return progress;
        }

        @Override
        public List<StrategyRequest> shadowStrategies(boolean on) {
            if (on) {
                shadowRequests = new ConcurrentLinkedQueue<>();
                return List.of();
            }
            Queue<StrategyRequest> kept = shadowRequests;
            shadowRequests = null;
            return kept == null ? List.of() : List.copyOf(kept);
        }

        @Override
        public void setBoundaryHook(Runnable hook) {
            boundaryHook = hook;
        }

        @Override
        public void setInputRecorder(Consumer<Event> recorder, boolean marketData) {
            inputRecorder = recorder;
            recordMarketData = marketData;
        }

        @Override
        public void publish(EngineEvent event) {
            events.publish(event);
        }
    }

    /** This engine's progress through its feed, for the journal's {@link RunJournal.DataPosition} marks. */
    private final RunJournal.DataProgress progress = new RunJournal.DataProgress() {
        @Override
        public long dataEvents() {
            return dataEvents;
        }

        @Override
        public long lastDataTime() {
            return lastDataTime;
        }
    };

    /** Market data events handled so far; with {@link #lastDataTime}, where the run is in its feed. */
    public long dataEvents() {
        return dataEvents;
    }

    /** The engine time at which the last market data event was handled. */
    public long lastDataTime() {
        return lastDataTime;
    }

    private void onStrategyRequest(Event event) {
        Queue<StrategyRequest> shadow = shadowRequests;
        if (shadow != null && event instanceof StrategyRequest request) {
            shadow.add(request);
        } else {
            enqueue(event);
        }
    }

    /** Stops the run after the current input (engine thread): the runner ends as for a StopEngine command. */
    public void requestStop(String reason) {
        stopRequested = true;
        stopReason = reason;
    }

    /**
     * Journals this engine's run into {@code journal}: records {@code start}, then every input event (market data
     * only when the journal asks) and every engine event; a journal failure posts {@link JournalFailed}, which
     * halts the account. Call before {@link #start}.
     */
    public void attachJournal(RunJournal journal, RunJournal.RunStarted start) {
        journal.trackInputs(clock::nanos, realTime ? progress : null);
        journal.start(start);
        subscribe(journal);
        replay.setInputRecorder(journal, journal.recordsMarketData());
        journal.onFailure(detail -> post(new JournalFailed(detail, clock.nanos())));
    }

    private void dispatch(Event event) {
        eventsProcessed++;
        Consumer<Event> recorder = inputRecorder;
        if (recorder != null && (recordMarketData || !(event instanceof MarketData))) recorder.accept(event);
        switch (event) {
            case MarketData data -> {
                dataEvents++;
                lastDataTime = clock.nanos();
                onMarketData(data);
            }
            case BrokerReport report -> flow.onBrokerReport(report);
            case StrategyRequest request -> flow.onRequest(request);
            case OperatorCommand command -> onCommand(command);
            case SystemEvent system -> onSystem(system);
        }
    }

    private void onMarketData(MarketData data) {
        monitor.beforeEvent(data.timestamp());
        // The broker sees the data before the strategies: what was ordered on earlier data fills now.
        broker.onMarketData(data);
        drain();
        portfolio.mark(data.symbol(), markPrice(data), data.timestamp());
        // Real-time strategies read snapshots on their own threads: they must see this mark, not race for it.
        if (realTime) publishSnapshot();
        strategies.onMarketData(data);
        drain();
        long equity = portfolio.equityRaw();
        monitor.recordEquity(data.timestamp(), equity);
        // Loss limits see the equity after the event; what a halt cancels or flattens is processed now.
        risk.onMarketData(data, equity);
        drain();
    }

    private static Price markPrice(MarketData data) {
        return switch (data) {
            case Bar bar -> bar.close();
            case TradeTick trade -> trade.price();
            case Quote quote -> quote.mid();
        };
    }

    private void onCommand(OperatorCommand command) {
        switch (command) {
            case StopEngine stop -> {
                // The first stop decides how the run ends (the feed's end-of-data stop may still be queued behind it).
                if (stopCommand == null) {
                    stopReason = stop.reason();
                    stopCommand = stop;
                }
                stopRequested = true;
            }
            case QuarantineStrategy quarantine -> flow.quarantine(quarantine.strategyId(), QuarantineReason.OPERATOR,
                    quarantine.reason() + " (by " + quarantine.operator() + ")");
            case UnquarantineStrategy unquarantine -> flow.unquarantine(unquarantine);
            case HaltTrading halt -> risk.onHalt(halt);
            case ReduceOnly reduceOnly -> risk.onReduceOnly(reduceOnly);
            case ResumeTrading resume -> risk.onResume(resume);
            case FlattenPositions flatten -> risk.onFlatten(flatten);
        }
    }

    private void onSystem(SystemEvent event) {
        switch (event) {
            case BrokerConnectionChanged change -> risk.onBrokerConnection(change);
            case JournalFailed failure -> risk.onJournalFailure(failure);
        }
    }

    private void drain() {
        Event event;
        while ((event = local.poll()) != null) dispatch(event);
    }

    /**
     * Processes at most one event from other threads and whatever scheduled reports are due; returns
     * whether it did anything (for the idle strategy of a real-time loop).
     */
    public boolean pollExternal() {
        boolean worked = runTasks();
        if (!scheduled.isEmpty() && scheduled.peek().report.timestamp() <= clock.nanos()) {
            advanceTo(clock.nanos());
            worked = true;
        }
        Event event = external.poll();
        if (event != null) {
            if (event instanceof MarketData data) advanceTo(data.timestamp());
            process(event);
            // Counted until handled, not until taken: caughtUp() must not see a gap between the two.
            externalSize.decrementAndGet();
            worked = true;
        }
        return worked;
    }

    /**
     * Applies every report still scheduled (moving simulated time to each), then stops the strategies; when a
     * {@link StopEngine} asked for it, cancels the account's open orders and applies what that caused.
     */
    public void finish() {
        while (!scheduled.isEmpty()) advanceTo(scheduled.peek().report.timestamp());
        Event event;
        while ((event = external.poll()) != null) {
            process(event);
            externalSize.decrementAndGet();
        }
        strategies.stop();
        drain();
        if (stopCommand != null && stopCommand.openOrders() == OpenOrdersOnStop.CANCEL) {
            events.publish(new RiskActionRequested(null, RiskActionRequested.Action.CANCEL_OPEN_ORDERS,
                    "run stopped by " + stopCommand.operator(), clock.nanos()));
            drain();
            while (!scheduled.isEmpty()) advanceTo(scheduled.peek().report.timestamp());
        }
        runTasks();
        monitor.finish();
        publishSnapshot();
    }

    /**
     * Runs {@code task} on the engine thread between two inputs (at once when called on it): for work that reads the
     * engine's state for another thread, such as an operator's snapshot. A task must not change trading state; that
     * takes an event ({@link #post}). Safe from any thread.
     */
    public void runOnEngineThread(Runnable task) {
        if (Thread.currentThread() == engineThread) {
            task.run();
            return;
        }
        // Counted as a backlog, so that a backtest, which polls only when there is one, runs it at its next event.
        externalSize.incrementAndGet();
        tasks.add(task);
        wakeIfParked();
    }

    /**
     * Engine thread, with nothing to do: parks at most {@code nanos}, and is woken at once by an event or task from
     * another thread (a tick, a strategy's request, a venue's report), so an idle real-time engine takes the next input
     * when it comes, not at its next wake-up. Reports scheduled for later are still taken when the park ends.
     */
    public void parkIdle(long nanos) {
        // Set before the backlog is read; a poster counts its event before it reads this: one of the two sees the other.
        parked = true;
        if (externalSize.get() == 0) LockSupport.parkNanos(nanos);
        parked = false;
    }

    private void wakeIfParked() {
        if (parked) LockSupport.unpark(engineThread);
    }

    private boolean runTasks() {
        Runnable task;
        boolean ran = false;
        while ((task = tasks.poll()) != null) {
            task.run();
            externalSize.decrementAndGet();
            ran = true;
        }
        return ran;
    }

    /** Publishes an immutable snapshot of the portfolio for other threads. */
    public void publishSnapshot() {
        snapshot = portfolio.snapshot(clock.nanos());
    }

    /** The last published snapshot; safe from any thread. */
    public PortfolioSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Whether the engine and its real-time strategies have handled everything sent to them so far
     * (approximately: the engine may still be finishing the last event it took). Safe from any thread.
     */
    public boolean caughtUp() {
        return externalSize.get() == 0 && strategies.caughtUp();
    }

    /** Events from other threads not yet handled by the engine (approximate). */
    public int externalBacklog() {
        return externalSize.get();
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public String stopReason() {
        return stopReason;
    }

    /** The command that stopped the run, or null while it runs (or when its data ran out in a backtest). */
    public StopEngine stopCommand() {
        return stopCommand;
    }

    public long eventsProcessed() {
        return eventsProcessed;
    }

    public Clock clock() {
        return clock;
    }

    public PortfolioManager portfolio() {
        return portfolio;
    }

    public OrderManager orders() {
        return orders;
    }

    public RiskManager risk() {
        return risk;
    }

    public ExecutionMonitor monitor() {
        return monitor;
    }

    public StrategyExecutor strategies() {
        return strategies;
    }

    /**
     * Checks every component's books against themselves and each other (open-order indexes and leaves, risk
     * reservations, the ledger): throws {@link IllegalStateException} naming the first mismatch. Engine thread,
     * between inputs; a full scan, for tests (see {@code EngineFixtures}), never on the hot path.
     */
    public void verifyInvariants() {
        orders.verifyInvariants();
        risk.verifyInvariants();
        portfolio.verifyInvariants();
    }

    /** Adds a listener for everything the engine does (after the engine's own components). */
    public void subscribe(EngineEventListener listener) {
        events.subscribe(listener);
    }

    @Override
    public void close() {
        strategies.close();
    }

    private record Scheduled(BrokerReport report, long sequence) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(report.timestamp(), other.report.timestamp());
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
