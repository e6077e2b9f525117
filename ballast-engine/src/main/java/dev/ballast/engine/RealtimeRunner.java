package dev.ballast.engine;

import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.StopEngine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the engine in real time (paper mode): a feed thread replays the source at a chosen speed
 * into the engine's inbound queue while the calling thread runs the engine loop, an agent that polls
 * for work and backs off (spin, yield, park) when there is none. The feed stops the engine at the end
 * of the data.
 */
public final class RealtimeRunner {
    private static final int BACKLOG_LIMIT = 65_536;

    private RealtimeRunner() {}

    /** Market data a {@link BeforeFeed} took from the source: how many events, the first and last timestamps. */
    public record Replayed(long events, long first, long last) {
        public static final Replayed NONE = new Replayed(0, Long.MIN_VALUE, Long.MIN_VALUE);
    }

    /** Work on the engine thread after the engine started and before the feed starts (a resume's replay). */
    @FunctionalInterface
    public interface BeforeFeed {
        BeforeFeed NONE = source -> Replayed.NONE;

        Replayed run(MarketDataSource source);
    }

    public static RunResult run(TradingEngine engine, MarketDataSource source, double speed, ProgressListener progress) {
        return run(engine, source, speed, progress, BeforeFeed.NONE);
    }

    /**
     * @param speed replay speed: 1 for real time, 10 for ten times faster, 0 for as fast as the engine
     *              and the slowest strategy keep up (each event waits until the last one was handled)
     */
    public static RunResult run(TradingEngine engine, MarketDataSource source, double speed, ProgressListener progress,
                                BeforeFeed beforeFeed) {
        return run(engine, source, speed, progress, beforeFeed, Duration.ZERO);
    }

    /**
     * @param settle how long the end of the data waits for orders still awaiting the venue's answer (a live venue
     *               answers on its own time; the paper venue's answers are all applied by {@link TradingEngine#finish})
     */
    public static RunResult run(TradingEngine engine, MarketDataSource source, double speed, ProgressListener progress,
                                BeforeFeed beforeFeed, Duration settle) {
        if (speed < 0 || Double.isNaN(speed)) throw new IllegalArgumentException("speed must be 0 (max) or positive, was " + speed);
        long started = System.nanoTime();
        AtomicLong count = new AtomicLong();
        AtomicLong first = new AtomicLong(Long.MIN_VALUE);
        AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        AtomicReference<RuntimeException> feedFailure = new AtomicReference<>();
        engine.start();
        Replayed replayed = beforeFeed.run(source);
        count.set(replayed.events());
        first.set(replayed.first());
        last.set(replayed.last());
        Thread feed = Thread.ofPlatform().daemon().name("ballast-feed").start(() -> {
            try {
                replay(engine, source, speed, count, first, last, progress);
                if (!settle.isZero()) awaitSettled(engine, settle);
                // Stopped before its data ran out (an operator): that stop is the run's only one.
                if (!engine.stopRequested()) engine.post(StopEngine.endOfData("end of data", engine.clock().nanos()));
            } catch (RuntimeException e) {
                feedFailure.set(e);
                engine.post(StopEngine.endOfData("feed failed: " + e.getMessage(), engine.clock().nanos()));
            }
        });
        int idleRounds = 0;
        while (!engine.stopRequested()) {
            if (engine.pollExternal()) {
                engine.publishSnapshot();
                idleRounds = 0;
            } else {
                idleRounds = backOff(engine, idleRounds);
            }
        }
        try {
            feed.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.finish();
        if (feedFailure.get() != null) throw feedFailure.get();
        return RunResult.of(engine, count.get(), first.get(), last.get(), source.skippedRows(), System.nanoTime() - started);
    }

    private static void replay(TradingEngine engine, MarketDataSource source, double speed, AtomicLong count,
                               AtomicLong first, AtomicLong last, ProgressListener progress) {
        long wallStart = System.nanoTime();
        long paceFrom = Long.MIN_VALUE; // the first event this feed posts (a resume's replay took the ones before)
        MarketData data;
        while ((data = source.next()) != null) {
            if (first.get() == Long.MIN_VALUE) first.set(data.timestamp());
            if (paceFrom == Long.MIN_VALUE) paceFrom = data.timestamp();
            last.set(data.timestamp());
            if (speed > 0) {
                long due = wallStart + (long) ((data.timestamp() - paceFrom) / speed);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                while (engine.externalBacklog() > BACKLOG_LIMIT) LockSupport.parkNanos(100_000);
            } else {
                // As fast as the slowest strategy: the next event waits until the engine and every
                // strategy have handled the last one, so that no strategy trades on data long gone.
                while (!engine.caughtUp() && !engine.stopRequested()) LockSupport.parkNanos(20_000);
            }
            engine.post(data);
            long n = count.incrementAndGet();
            if ((n & 0xFFFF) == 0) progress.progress(n, data.timestamp());
            if (engine.stopRequested()) return;
        }
    }

    /** Feed thread: waits, at most {@code settle}, until no order awaits the venue's answer. */
    private static void awaitSettled(TradingEngine engine, Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (!engine.stopRequested() && System.nanoTime() < deadline) {
            CompletableFuture<Boolean> awaiting = new CompletableFuture<>();
            engine.runOnEngineThread(() -> awaiting.complete(engine.orders().awaitingVenue()));
            try {
                if (!awaiting.get(settle.toNanos(), TimeUnit.NANOSECONDS)) return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * The engine thread's back-off when it found nothing to do for {@code rounds} polls in a row: spin briefly, then
     * yield, then park, so a laptop is not kept busy. The park ends as soon as another thread posts to the engine.
     * Returns the next round's count. Engine thread.
     */
    public static int backOff(TradingEngine engine, int rounds) {
        if (rounds < 100) {
            Thread.onSpinWait();
        } else if (rounds < 110) {
            Thread.yield();
        } else {
            engine.parkIdle(200_000);
        }
        return rounds + 1;
    }
}
