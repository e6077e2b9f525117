package dev.ballast.engine.strategy;

import dev.ballast.engine.clock.Clock;
import dev.ballast.model.Order;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.Quote;
import dev.ballast.model.event.StrategyFaulted;
import dev.ballast.model.event.TradeTick;

import java.util.Set;

/**
 * One hosted strategy: the strategy, its context, its state and the guard around every callback
 * (time budget, exceptions, request flood), and how long its callbacks take. A host's callbacks run on one
 * thread at a time: the
 * engine thread in a backtest, the host's own thread in real time. {@link #state} is volatile so the
 * engine and the watchdog can take a strategy out from another thread.
 */
final class StrategyHost {
    /** Lifecycle callbacks, delivered like events. */
    enum Lifecycle { START, STOP }

    private final StrategyId id;
    private final Strategy strategy;
    private final Set<Symbol> symbols;
    private final HostedContext context;
    private final CallbackWatchdog watchdog;
    private final Clock clock;
    private final IsolationPolicy policy;
    private final CallbackTimes callbackTimes = new CallbackTimes();
    private long callbackCount; // the thread running this host's callbacks only
    private CallbackWatchdog.Slot slot;
    private volatile StrategyState state = StrategyState.ACTIVE;
    /** Quarantined by an operator, who may bring it back: its thread waits instead of ending. */
    private volatile boolean held;
    /** Why the engine took this strategy out, once it has (engine thread only); null while it has not. */
    private QuarantineReason quarantineReason;

    // Flood accounting; touched only by the thread running this host's callbacks.
    private int requestsThisCallback;
    private long windowStart;
    private boolean windowOpen;
    private int requestsInWindow;
    private String floodDetail;

    StrategyHost(StrategyId id, Strategy strategy, Set<Symbol> symbols, PortfolioView portfolio, StrategyRequestSink sink,
                 Clock clock, IsolationPolicy policy, CallbackWatchdog watchdog) {
        this.id = id;
        this.strategy = strategy;
        this.symbols = Set.copyOf(symbols);
        this.clock = clock;
        this.policy = policy;
        this.watchdog = watchdog;
        this.context = new HostedContext(this, portfolio, sink, clock);
    }

    void attach(CallbackWatchdog.Slot slot) {
        this.slot = slot;
    }

    StrategyId id() {
        return id;
    }

    Set<Symbol> symbols() {
        return symbols;
    }

    StrategyState state() {
        return state;
    }

    boolean isActive() {
        return state == StrategyState.ACTIVE;
    }

    void setState(StrategyState next) {
        state = next;
    }

    boolean held() {
        return held;
    }

    void setHeld(boolean held) {
        this.held = held;
    }

    QuarantineReason quarantineReason() {
        return quarantineReason;
    }

    void setQuarantineReason(QuarantineReason reason) {
        this.quarantineReason = reason;
    }

    /**
     * Runs one callback under guard. Returns the fault it caused (to be reported by the caller) or
     * {@code null} when it behaved.
     */
    StrategyFaulted run(Object event) {
        requestsThisCallback = 0;
        floodDetail = null;
        String what = describe(event);
        Throwable thrown = null;
        // Every callback is timed in real time; in a backtest a sample (a clock read costs as much as a short callback).
        boolean timed = watchdog.budgetEnforced() || (++callbackCount & (CallbackTimeSummary.BACKTEST_SAMPLE - 1)) == 0;
        long began = slot.begin(id.value(), what, timed);
        try {
            dispatch(event);
        } catch (Throwable t) {
            thrown = t;
        }
        CallbackWatchdog.Overrun overrun = slot.end();
        // Informational only: nothing that trades reads these times.
        if (began != CallbackWatchdog.UNTIMED) {
            callbackTimes.record(watchdog.clock().nanoTime() - began);
        } else {
            callbackTimes.skip();
        }
        if (overrun == CallbackWatchdog.Overrun.BUDGET) {
            return fault(QuarantineReason.OVERRAN_TIME_BUDGET, what + " ran past the "
                    + watchdog.budgetNanos() / 1_000_000 + " ms budget");
        }
        if (overrun == CallbackWatchdog.Overrun.HARD_LIMIT) {
            return fault(QuarantineReason.OVERRAN_TIME_BUDGET, what + " ran past the hard limit of "
                    + watchdog.hardLimitNanos() / 1_000_000 + " ms");
        }
        if (thrown != null) {
            StackTraceElement[] trace = thrown.getStackTrace();
            String where = trace.length > 0 ? " at " + trace[0] : "";
            return fault(QuarantineReason.THREW, what + " threw " + thrown + where);
        }
        if (floodDetail != null) return fault(QuarantineReason.FLOODED_ORDERS, floodDetail);
        return null;
    }

    /** How long this strategy's callbacks took; read after the strategies stopped (see {@link CallbackTimes}). */
    CallbackTimeSummary callbackTimes() {
        return callbackTimes.summary();
    }

    StrategyFaulted fault(QuarantineReason reason, String detail) {
        return new StrategyFaulted(id, reason, detail, clock.nanos());
    }

    /** Counts a request against the flood limits; false (and the request is dropped) once over them. */
    boolean admitRequest() {
        if (floodDetail != null || !isActive()) return false;
        requestsThisCallback++;
        if (requestsThisCallback > policy.maxRequestsPerCallback()) {
            floodDetail = "sent more than " + policy.maxRequestsPerCallback() + " requests in one callback";
            return false;
        }
        long now = clock.nanos();
        // The first request opens the window explicitly (windowOpen): with windowStart at Long.MIN_VALUE,
        // now - windowStart overflows to a negative number for any positive engine time, so the window
        // never reset and a strategy was quarantined after its 1,000th request of the whole run.
        if (!windowOpen || now - windowStart >= 1_000_000_000L) {
            windowOpen = true;
            windowStart = now;
            requestsInWindow = 0;
        }
        requestsInWindow++;
        if (requestsInWindow > policy.maxRequestsPerSecond()) {
            floodDetail = "sent more than " + policy.maxRequestsPerSecond() + " requests within one second";
            return false;
        }
        return true;
    }

    private void dispatch(Object event) {
        switch (event) {
            case Bar bar -> strategy.onBar(bar);
            case TradeTick trade -> strategy.onTrade(trade);
            case Quote quote -> strategy.onQuote(quote);
            case Order order -> strategy.onOrderEvent(order);
            case Fill fill -> strategy.onFill(fill);
            case FillCorrectionBooked correction -> strategy.onFillCorrected(correction);
            case FillBustBooked bust -> strategy.onFillBusted(bust);
            case Lifecycle.START -> strategy.onStart(context);
            case Lifecycle.STOP -> strategy.onStop();
            default -> throw new IllegalArgumentException("not a strategy event: " + event);
        }
    }

    // Called for every callback, so it returns constants: building "on" + the class name here cost two
    // allocations (about 45 bytes) per bar, the largest source of garbage in a backtest. Same strings as before.
    private static String describe(Object event) {
        return switch (event) {
            case Bar bar -> "onBar";
            case TradeTick trade -> "onTrade";
            case Quote quote -> "onQuote";
            case Order order -> "onOrderEvent";
            case Fill fill -> "onFill";
            case FillCorrectionBooked correction -> "onFillCorrected";
            case FillBustBooked bust -> "onFillBusted";
            case Lifecycle lifecycle -> lifecycle == Lifecycle.START ? "onStart" : "onStop";
            default -> "callback";
        };
    }

    /** Ids below {@code sequence} are taken (a resumed run's): the next one the strategy gets is at least that. */
    void reserveIdsBelow(long sequence) {
        context.reserveIdsBelow(sequence);
    }
}
