package dev.ballast.engine.strategy;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.AtomicInteger;
import dev.ballast.model.RunMode;
import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.Order;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.StrategyFaulted;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The StrategyExecutor: hosts strategies, delivers market data and their own order and fill events
 * to them, and passes their requests to the engine. It isolates them: a strategy that throws,
 * floods requests or (in real time) overruns its callback budget or falls behind is quarantined: it
 * gets no more events, the engine cancels its orders, and the others carry on unaffected. A backtest
 * (and a re-execution, see {@link #reExecuting}) quarantines nobody on time measured on the machine; a
 * callback past the hard limit ends such a run instead (see {@link CallbackWatchdog}).
 *
 * <p>In {@link RunMode#BACKTEST} every callback runs on the engine thread, strategy after
 * strategy in the order they were added, so runs are deterministic. In {@link RunMode#PAPER}
 * each strategy runs on its own daemon thread behind a bounded inbox; the engine only offers to the
 * inbox and never waits.
 *
 * <p>All methods are called on the engine thread.
 */
public final class StrategyExecutor implements EngineEventListener, AutoCloseable {
    private static final StrategyHost[] NONE = new StrategyHost[0];

    private final RunMode mode;
    private final IsolationPolicy policy;
    private final Clock clock;
    private final StrategyRequestSink sink;
    private final PortfolioView portfolio;
    private final CallbackWatchdog watchdog;
    private final Map<StrategyId, StrategyHost> hosts = new LinkedHashMap<>();
    private final Map<Symbol, StrategyHost[]> hostsBySymbol = new HashMap<>();
    private final Map<StrategyId, ThreadedRunner> runners = new HashMap<>();
    private CallbackWatchdog.Slot engineSlot;

    /**
     * @param fatalHandler told when a callback of a backtest or re-executed run passes the hard limit (see
     *                     {@link CallbackWatchdog}); called on the watchdog thread
     */
    public StrategyExecutor(RunMode mode, IsolationPolicy policy, Clock clock, StrategyRequestSink sink,
                            PortfolioView portfolio, Consumer<String> fatalHandler) {
        this.mode = mode;
        this.policy = policy;
        this.clock = clock;
        this.sink = sink;
        this.portfolio = portfolio;
        this.watchdog = new CallbackWatchdog(policy, fatalHandler);
        // Time measured on the machine must not decide a backtest's orders: there only the hard limit applies.
        watchdog.enforceBudget(mode.realTime());
    }

    /**
     * While on, a real-time run is being re-executed (a resume's replay): its strategies must do what they did when
     * the run was live, whatever this machine's load, so the callback budget quarantines nobody and only the hard
     * limit applies (it ends the run), as in a backtest; what the live run quarantined, the journal quarantines
     * again. Turn on before {@link #start()} and off once the re-execution is done and the strategies are idle.
     * A backtest never enforces the budget.
     */
    public void reExecuting(boolean on) {
        watchdog.enforceBudget(mode.realTime() && !on);
    }

    /** Adds a strategy that trades {@code symbols}; call before {@link #start()}. */
    public void add(StrategyId id, Strategy strategy, Collection<Symbol> symbols) {
        if (hosts.containsKey(id)) throw new IllegalArgumentException("strategy id " + id + " is used twice");
        StrategyHost host = new StrategyHost(id, strategy, new LinkedHashSet<>(symbols), portfolio, sink, clock,
                policy, watchdog);
        hosts.put(id, host);
        for (Symbol symbol : symbols) {
            StrategyHost[] current = hostsBySymbol.getOrDefault(symbol, NONE);
            StrategyHost[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = host;
            hostsBySymbol.put(symbol, next);
        }
    }

    /** Starts every strategy: onStart, on the engine thread in a backtest or on each strategy's thread. */
    public void start() {
        watchdog.start();
        if (mode == RunMode.BACKTEST) {
            engineSlot = watchdog.newSlot(null);
            for (StrategyHost host : hosts.values()) host.attach(engineSlot);
        } else {
            for (StrategyHost host : hosts.values()) {
                ThreadedRunner runner = new ThreadedRunner(host);
                runners.put(host.id(), runner);
            }
            runners.values().forEach(ThreadedRunner::start);
        }
        for (StrategyHost host : hosts.values()) deliver(host, StrategyHost.Lifecycle.START);
    }

    /** Delivers market data to every active strategy that trades its symbol. */
    public void onMarketData(MarketData data) {
        StrategyHost[] targets = hostsBySymbol.get(data.symbol());
        if (targets == null) return;
        for (StrategyHost host : targets) deliver(host, data);
    }

    /** Delivers each order change and fill, and each booked correction or bust of a fill, to the strategy that owns it. */
    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case OrderUpdated updated -> deliverTo(updated.order().strategyId(), updated.order());
            case FillBooked booked -> deliverTo(booked.strategyId(), booked.fill());
            case FillCorrectionBooked corrected -> deliverTo(corrected.strategyId(), corrected);
            case FillBustBooked busted -> deliverTo(busted.strategyId(), busted);
            default -> { }
        }
    }

    private void deliverTo(StrategyId owner, Object event) {
        StrategyHost host = hosts.get(owner);
        if (host != null) deliver(host, event);
    }

    private void deliver(StrategyHost host, Object event) {
        if (!host.isActive()) return;
        if (mode == RunMode.BACKTEST) {
            StrategyFaulted fault = host.run(event);
            if (fault != null) takeOut(host, fault);
        } else if (!runners.get(host.id()).offer(event)) {
            takeOut(host, host.fault(QuarantineReason.INBOX_OVERFLOW,
                    "fell " + policy.inboxCapacity() + " events behind; its inbox is full"));
        }
    }

    /** Marks the strategy quarantined at once (no more events) and tells the engine, which cancels its orders. */
    private void takeOut(StrategyHost host, StrategyFaulted fault) {
        if (!host.isActive()) return;
        host.setState(StrategyState.QUARANTINED);
        sink.accept(fault);
    }

    /**
     * The engine takes a strategy out for {@code reason}: it gets no more events. True the first time (the caller then
     * cancels its orders and publishes the quarantine); false for an unknown strategy or one the engine has already
     * taken out. A strategy quarantined by an operator is {@code held}: its thread waits, so that {@link #unquarantine}
     * can bring it back. A strategy that faulted was marked out already on the thread that ran it ({@code takeOut});
     * this records the engine's handling of it. Engine thread.
     */
    public boolean quarantine(StrategyId id, QuarantineReason reason) {
        StrategyHost host = hosts.get(id);
        if (host == null || host.quarantineReason() != null) return false;
        host.setQuarantineReason(reason);
        if (host.isActive()) {
            host.setHeld(reason == QuarantineReason.OPERATOR);
            host.setState(StrategyState.QUARANTINED);
        }
        return true;
    }

    /** Why the engine took the strategy out, or null while it has not (or after {@link #unquarantine}). Engine thread. */
    public QuarantineReason quarantineReason(StrategyId id) {
        StrategyHost host = hosts.get(id);
        return host == null ? null : host.quarantineReason();
    }

    /**
     * Brings back a strategy an operator quarantined: it gets events again from the next one on (what happened
     * meanwhile it does not hear of). False, and nothing changes, for a strategy not held (quarantined for a fault,
     * stopped, active or unknown). Engine thread.
     */
    public boolean unquarantine(StrategyId id) {
        StrategyHost host = hosts.get(id);
        if (host == null || host.state() != StrategyState.QUARANTINED || !host.held()) return false;
        host.setHeld(false);
        host.setQuarantineReason(null);
        host.setState(StrategyState.ACTIVE);
        return true;
    }

    /**
     * After a resume: the strategy's next client order id is at least {@code strategy-sequence}, so that it never
     * reuses an id the journal holds. Call while the strategy is idle (caught up).
     */
    public void reserveOrderIds(StrategyId id, long sequence) {
        StrategyHost host = hosts.get(id);
        if (host != null) host.reserveIdsBelow(sequence);
    }

    public boolean isActive(StrategyId id) {
        StrategyHost host = hosts.get(id);
        return host != null && host.isActive();
    }

    public StrategyState state(StrategyId id) {
        StrategyHost host = hosts.get(id);
        return host == null ? null : host.state();
    }

    /**
     * Whether every active real-time strategy has handled everything offered to it (always true in a
     * backtest). Safe from any thread; lets a replay at full speed wait for the strategies instead of
     * running ahead of them.
     */
    public boolean caughtUp() {
        for (ThreadedRunner runner : runners.values()) {
            if (runner.unfinished() > 0) return false;
        }
        return true;
    }

    /**
     * How long each strategy's callbacks took, in the order the strategies were added. Informational: measured on
     * the machine, never used to decide anything. Read after {@link #stop()}.
     */
    public Map<StrategyId, CallbackTimeSummary> callbackTimes() {
        Map<StrategyId, CallbackTimeSummary> times = new LinkedHashMap<>();
        for (StrategyHost host : hosts.values()) times.put(host.id(), host.callbackTimes());
        return times;
    }

    public List<StrategyId> strategyIds() {
        return new ArrayList<>(hosts.keySet());
    }

    /**
     * Stops every active strategy (onStop), in real time waits a bounded time for their threads, and
     * stops the watchdog.
     */
    public void stop() {
        for (StrategyHost host : hosts.values()) {
            // A held strategy is not coming back: its waiting thread ends at its next poll.
            if (host.held()) {
                host.setState(StrategyState.STOPPED);
                host.setHeld(false);
            }
        }
        for (StrategyHost host : hosts.values()) {
            if (!host.isActive()) continue;
            deliver(host, StrategyHost.Lifecycle.STOP);
        }
        for (ThreadedRunner runner : runners.values()) runner.join(policy.callbackBudget().toMillis() * 4 + 1_000);
        for (StrategyHost host : hosts.values()) {
            if (host.isActive()) host.setState(StrategyState.STOPPED);
        }
        watchdog.close();
    }

    @Override
    public void close() {
        for (ThreadedRunner runner : runners.values()) runner.interrupt();
        watchdog.close();
    }

    /** Runs one strategy's callbacks on its own thread, fed through a bounded inbox. */
    private final class ThreadedRunner {
        private final StrategyHost host;
        private final BlockingQueue<Object> inbox;
        private final AtomicInteger unfinished = new AtomicInteger();
        private final Thread thread;

        ThreadedRunner(StrategyHost host) {
            this.host = host;
            this.inbox = new ArrayBlockingQueue<>(policy.inboxCapacity());
            // A platform thread, so that a strategy spinning on the CPU cannot pin a carrier shared with others.
            this.thread = Thread.ofPlatform().daemon().name("strategy-" + host.id()).unstarted(this::run);
            host.attach(watchdog.newSlot(slot -> {
                if (host.isActive()) {
                    host.setState(StrategyState.QUARANTINED);
                    sink.accept(host.fault(QuarantineReason.OVERRAN_TIME_BUDGET,
                            slot.activity() + " ran past the " + policy.callbackBudget().toMillis() + " ms budget"));
                }
            }));
        }

        void start() {
            thread.start();
        }

        boolean offer(Object event) {
            unfinished.incrementAndGet();
            if (inbox.offer(event)) return true;
            unfinished.decrementAndGet();
            return false;
        }

        /** Events offered and not yet handled to the end of their callback (or dropped). */
        int unfinished() {
            return host.isActive() ? unfinished.get() : 0;
        }

        void join(long millis) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void interrupt() {
            thread.interrupt();
        }

        private void run() {
            try {
                while (true) {
                    Object event = inbox.poll(100, TimeUnit.MILLISECONDS);
                    if (event == null) {
                        if (host.state() != StrategyState.ACTIVE && !host.held()) return;
                        continue;
                    }
                    if (!host.isActive()) {
                        // Offered before it was quarantined: dropped; a held strategy waits to be brought back.
                        unfinished.decrementAndGet();
                        if (host.held()) continue;
                        return;
                    }
                    StrategyFaulted fault;
                    try {
                        fault = host.run(event);
                    } finally {
                        unfinished.decrementAndGet();
                    }
                    if (fault != null) {
                        // The watchdog reports overruns itself; report the rest here.
                        if (host.isActive()) takeOutFromRunner(fault);
                        return;
                    }
                    if (event == StrategyHost.Lifecycle.STOP) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void takeOutFromRunner(StrategyFaulted fault) {
            host.setState(StrategyState.QUARANTINED);
            sink.accept(fault);
        }
    }
}
