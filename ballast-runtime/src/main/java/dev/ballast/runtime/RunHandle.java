package dev.ballast.runtime;

import java.time.Instant;
import dev.ballast.model.EpochNanos;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.event.FlattenPositions;
import dev.ballast.model.event.HaltTrading;
import dev.ballast.model.event.OpenOrdersOnStop;
import dev.ballast.model.event.OperatorCommand;
import dev.ballast.model.event.QuarantineStrategy;
import dev.ballast.model.event.ReduceOnly;
import dev.ballast.model.event.ResumeTrading;
import dev.ballast.model.event.StopEngine;
import dev.ballast.model.event.UnquarantineStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an operator surface (the CLI's signal handling, the Prometheus metrics, later the control plane) holds of a
 * running {@link Run}: it sends commands, reads snapshots, hears the engine's events and stops the run. Obtained
 * from {@link Run#handle()} (usable as soon as the run is built) or given to {@link Run.Builder#attach} before the
 * first event.
 *
 * <p>Threading contract: every method is safe from any thread and none touches the engine's components from the
 * calling thread. The engine thread owns all trading state:
 * <ul>
 *   <li>{@link #post} hands a command to the engine's lock-free inbound queue, where it is an input like any
 *       other: handled in arrival order between two inputs, and journaled as an input with its operator;</li>
 *   <li>{@link #snapshot} asks the engine thread to build a {@link RunSnapshot} between two inputs and waits for
 *       it, a bounded time;</li>
 *   <li>{@link #subscribe} gives each listener a bounded buffer the engine thread fills without ever blocking, and
 *       a thread of its own that empties it (see {@link SubscriberFeed}).</li>
 * </ul>
 * Commands posted before the engine started are handled first, in the order posted; after the run ended they are
 * refused.
 */
public final class RunHandle {
    /** How many recent fills a snapshot holds. */
    public static final int RECENT_FILLS = 100;
    /** A subscriber's buffer, in events, unless it asks for another. */
    public static final int DEFAULT_BUFFER = 8_192;
    /** How long the end of a run waits for its subscribers to hear what their buffers still hold. */
    public static final Duration DRAIN_WAIT = Duration.ofSeconds(5);
    /** How long {@link #snapshot()} waits for the engine thread before it returns the last snapshot it has. */
    public static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(2);

    /** A listener's subscription: its counts, and closing it. */
    public interface Subscription extends AutoCloseable {
        /** Events handed to the listener so far. */
        long delivered();

        /** Events dropped because the listener's buffer was full (each was reported through onLost). */
        long lost();

        /** What the listener threw, after which it was called no more; null if nothing. */
        Throwable failure();

        /** Waits until the listener heard onClosed; whether it did within {@code timeout}. */
        boolean awaitClosed(Duration timeout) throws InterruptedException;

        /** Stops delivering to the listener (it hears onClosed). */
        @Override
        void close();
    }

    private final String runName;
    private final Set<StrategyId> strategies;
    private final OpenOrdersOnStop onStop;
    private final List<OperatorCommand> early = new ArrayList<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    /** The subscribers' feeds; copy on write, so that the engine thread's tap reads them without a lock. */
    private final CopyOnWriteArrayList<SubscriberFeed> feeds = new CopyOnWriteArrayList<>();
    private final Map<ClientOrderId, Price> arrivals = new ConcurrentHashMap<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile EngineTap tap;
    private volatile TradingEngine engine;
    /** The thread that runs the engine (it bound the handle), which may read the engine's books directly. */
    private volatile Thread engineThread;
    private volatile RunSnapshot latest;
    private volatile boolean closed;
    private volatile StopEngine stopAsked;
    private volatile Supplier<RunSnapshot.VenueStatus> venue = () -> RunSnapshot.VenueStatus.PAPER;

    RunHandle(String runName, Set<StrategyId> strategies, OpenOrdersOnStop onStop) {
        this.runName = runName;
        this.strategies = Set.copyOf(strategies);
        this.onStop = Objects.requireNonNull(onStop);
    }

    /** The run's name. */
    public String runName() {
        return runName;
    }

    /** The run's strategies. */
    public Set<StrategyId> strategies() {
        return strategies;
    }

    /**
     * Sends an operator command to the engine: halt (its scope's open orders canceled), reduce-only, resume,
     * flatten, quarantine or unquarantine one strategy, stop. Returns at once; the command takes effect on the
     * engine thread, after the input being handled, and is journaled there with its operator. What it did shows in
     * the events ({@link dev.ballast.model.event.TradingStateChanged}, {@link
     * dev.ballast.model.event.StrategyQuarantined}, ..., or {@link dev.ballast.model.event.OperatorCommandRefused}).
     *
     * @throws IllegalArgumentException the command names a strategy the run does not have
     * @throws IllegalStateException    the run has ended
     */
    public void post(OperatorCommand command) {
        StrategyId named = switch (command) {
            case HaltTrading c -> c.strategyId();
            case ReduceOnly c -> c.strategyId();
            case ResumeTrading c -> c.strategyId();
            case FlattenPositions c -> c.strategyId();
            case QuarantineStrategy c -> Objects.requireNonNull(c.strategyId(), "quarantine names a strategy");
            case UnquarantineStrategy c -> Objects.requireNonNull(c.strategyId(), "unquarantine names a strategy");
            case StopEngine c -> null;
        };
        if (named != null && !strategies.contains(named)) {
            throw new IllegalArgumentException(command.getClass().getSimpleName() + " names strategy '" + named
                    + "', which is not in run " + runName + " (it has " + strategies + ")");
        }
        if (command instanceof StopEngine stop && stopAsked == null) stopAsked = stop;
        synchronized (early) {
            if (closed) throw new IllegalStateException("run " + runName + " has ended; " + command + " was not sent");
            TradingEngine bound = engine;
            if (bound == null) {
                early.add(command);
            } else {
                bound.post(command);
            }
        }
    }

    /**
     * Stops the run gracefully: strategies stop, open orders are canceled or left as the run's {@code paper.onStop}
     * says, the journal ends with a {@link RunJournal.RunStopped} record, results are written. Returns at once (see
     * {@link #awaitEnd}); a second call changes nothing.
     */
    public void stop(String operator, String reason) {
        if (stopAsked != null || closed) return;
        post(new StopEngine(operator, reason, onStop, now()));
    }

    /** What open orders do when the run is stopped through {@link #stop}. */
    public OpenOrdersOnStop onStop() {
        return onStop;
    }

    /** Whether a stop was asked for (through {@link #stop} or a posted {@link StopEngine}). */
    public boolean stopRequested() {
        return stopAsked != null;
    }

    /** The engine's time (for a command's timestamp); the wall clock's before the engine is assembled. */
    public long now() {
        TradingEngine bound = engine;
        return bound != null ? bound.clock().nanos() : EpochNanos.of(Instant.now());
    }

    /** A fresh snapshot, or, when the engine thread did not answer within {@link #SNAPSHOT_WAIT}, the last one. */
    public RunSnapshot snapshot() {
        return snapshot(SNAPSHOT_WAIT);
    }

    /**
     * A snapshot built on the engine thread between two inputs, waiting at most {@code wait} for it (a backtest
     * answers at its next data event, a paper run within its idle poll); when the engine does not answer in time
     * (it is busy re-executing a journal, say), the last snapshot taken, which may be older ({@link
     * RunSnapshot#time}). After the run ended: its final state. Null only before the engine was assembled.
     */
    public RunSnapshot snapshot(Duration wait) {
        TradingEngine bound = engine;
        EngineTap current = tap;
        if (bound == null || current == null || closed) return latest;
        if (Thread.currentThread() == engineThread) {
            // On the engine thread (an attachment, a listener of the engine's own): the books are this thread's.
            latest = current.snapshot(false);
            return latest;
        }
        CompletableFuture<RunSnapshot> answer = new CompletableFuture<>();
        bound.runOnEngineThread(() -> {
            RunSnapshot taken = current.snapshot(false);
            latest = taken;
            answer.complete(taken);
        });
        try {
            return answer.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return latest;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latest;
        } catch (ExecutionException e) {
            throw new IllegalStateException("snapshot of run " + runName + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Subscribes {@code listener} with a buffer of {@link #DEFAULT_BUFFER} events. */
    public Subscription subscribe(RunListener listener) {
        return subscribe(listener, DEFAULT_BUFFER);
    }

    /**
     * Delivers the engine's events from now on to {@code listener} on a thread of its own, through a buffer of
     * {@code capacity} events: a listener that falls behind loses events (and hears how many, where), the engine
     * never waits for it. Subscribed before the run starts, it hears every event. After the run ended it hears
     * onClosed at once.
     */
    public Subscription subscribe(RunListener listener, int capacity) {
        Objects.requireNonNull(listener);
        SubscriberFeed[] holder = new SubscriberFeed[1];
        SubscriberFeed feed = new SubscriberFeed(listener, capacity, "ballast-subscriber-" + subscribers.incrementAndGet(),
                () -> feeds.remove(holder[0]));
        holder[0] = feed;
        synchronized (early) {
            if (closed) {
                feed.end();
            } else {
                feeds.add(feed);
            }
        }
        feed.start();
        return feed;
    }

    /**
     * The price the strategy saw when it asked for {@code orderId} (the benchmark of its slippage), or null. Recorded
     * on the engine thread before any subscriber hears of the order, so a subscriber can read it for every order it
     * hears of.
     */
    public Price arrivalPrice(ClientOrderId orderId) {
        return arrivals.get(orderId);
    }

    /** Whether the run has ended and its results are written. */
    public boolean ended() {
        return ended.getCount() == 0;
    }

    /** Waits until the run has ended and its results are written; whether it did within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Engine thread, before the first event: binds the handle to the assembled engine and sends early commands.
     * Returns the engine listener that feeds the subscribers and keeps the recent fills.
     */
    /** Where snapshots read the venue's status from (set by the run before {@link #bind}). */
    void venue(Supplier<RunSnapshot.VenueStatus> venue) {
        this.venue = venue;
    }

    EngineTap bind(TradingEngine engine, RunJournal journal) {
        EngineTap tap = new EngineTap(engine, journal, feeds, arrivals, venue);
        synchronized (early) {
            this.tap = tap;
            this.latest = tap.snapshot(false);
            this.engineThread = Thread.currentThread();
            this.engine = engine;
            for (OperatorCommand command : early) engine.post(command);
            early.clear();
        }
        return tap;
    }

    /**
     * Engine thread, once the run is over and its journal closed: takes the final snapshot, refuses further
     * commands, and lets every subscriber drain its buffer and close, waiting for that at most {@link #DRAIN_WAIT} in
     * all (so that what a subscriber counted is complete when the run returns, unless it is stuck).
     */
    void close() {
        synchronized (early) {
            if (closed) return;
            closed = true;
        }
        EngineTap current = tap;
        if (current != null) latest = current.snapshot(true);
        List<SubscriberFeed> ending = List.copyOf(feeds);
        feeds.clear();
        for (SubscriberFeed feed : ending) feed.end();
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        try {
            for (SubscriberFeed feed : ending) {
                feed.awaitClosed(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Once the run's results are written (or it failed): {@link #awaitEnd} returns. */
    void markEnded() {
        close();
        ended.countDown();
    }
}
