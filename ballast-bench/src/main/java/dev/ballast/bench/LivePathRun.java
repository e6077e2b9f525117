package dev.ballast.bench;

import dev.ballast.engine.EngineSettings;
import dev.ballast.engine.RealtimeRunner;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.engine.clock.InputClock;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.RunMode;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.StopEngine;
import dev.ballast.model.event.TradeTick;
import dev.ballast.runtime.recovery.JournaledBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One live-path measurement: a real-time engine ({@link RunMode#LIVE}, the replay clock at speed 1 behind an input
 * clock, as a live run's) with a run journal attached as a run attaches it and the write-ahead gate
 * ({@link JournaledBroker}, live phase: after a clean start's reconciliation) in front of the adapter's wire code
 * ({@link TransportEdge}); a {@link TickTrader} trading on every tick; the engine loop on its own thread (as
 * {@code RealtimeRunner}'s: poll, publish a snapshot, idle); a venue thread answering every order with an acceptance
 * and a fill through the adapter's decoding ({@link BenchVenue}). The calling thread is the feed: it posts a tick,
 * then waits until every order of the tick is filled and booked before the next, so each tick is timed unloaded.
 *
 * <p>Not through {@code Run}: a run's broker is its plan's venue (the paper venue or a real session), and here the
 * adapter's wire code must be the broker. The pieces are the ones {@code Run} assembles for a live run.
 */
final class LivePathRun {
    private static final Symbol SYMBOL = Symbol.of("BLST");
    private static final Price PRICE = Price.of("187.25");
    private static final long WAIT_SECONDS = 30;

    /** How the engine thread waits when there is nothing to do. */
    enum Idle {
        /** Spins ({@code Thread.onSpinWait}): the path itself, with no wake-up in it. */
        SPIN,
        /** {@link RealtimeRunner#backOff}: spins, yields, then parks that a post ends at once. */
        RUNNER;

        int idle(TradingEngine engine, int rounds) {
            if (this == RUNNER) return RealtimeRunner.backOff(engine, rounds);
            Thread.onSpinWait();
            return rounds + 1;
        }
    }

    /** What to measure: {@code ticks} timed ticks after {@code warmupTicks} untimed ones, each sending {@code burst} orders. */
    record Settings(VenueWire.Kind venue, FsyncPolicy fsync, int burst, int warmupTicks, int ticks, Idle idle,
                    boolean adapterFileWrite, boolean verifyJournal) {
    }

    /** The probe's histograms, and what the run did. */
    record Result(Settings settings, LivePathProbe probe, long orders, long fillsBooked, long journalRecords,
                  long journalAppends, String journalVerified, long encodedChars, long gcCount, long gcMillis,
                  long retainedHeapBytes) {
    }

    private LivePathRun() {
    }

    static Result measure(Settings settings) {
        Path folder = ScratchFolder.create("ballast-live-latency-");
        try {
            return measure(settings, folder);
        } finally {
            ScratchFolder.delete(folder);
        }
    }

    private static Result measure(Settings s, Path folder) {
        Path journalDir = folder.resolve("journal");
        CountingJournalStore store = new CountingJournalStore(FileJournalStore.open(journalDir, s.fsync()));
        RunJournal journal = new RunJournal(new JournalWriter(store), store, false, journalDir);
        LivePathProbe probe = new LivePathProbe(s.burst(), store);
        InputClock clock = new InputClock(new ReplayClock(1));
        BlockingQueue<Order> toVenue = new LinkedBlockingQueue<>();
        TransportEdge edge = new TransportEdge(s.venue(), clock, folder, probe, toVenue);
        JournaledBroker gate = new JournaledBroker(edge, journal, clock, JournaledBroker.Phase.LIVE,
                JournaledBroker.DEFAULT_DURABILITY_TIMEOUT, false);
        // The isolation defaults, but no cap on requests per second: the benchmark sends far more than a strategy would.
        IsolationPolicy isolation = new IsolationPolicy(Duration.ofMillis(50), Math.max(100, s.burst()), Integer.MAX_VALUE,
                65_536);
        EngineSettings engineSettings = new EngineSettings(RunMode.LIVE, Money.ofUnits(10_000_000),
                List.of(Instrument.equity(SYMBOL, "USD")), RiskConfig.of(RiskLimits.defaults()), isolation);
        StrategySpec spec = new StrategySpec(StrategyId.of("ticks"), new TickTrader(s.burst(), probe), List.of(SYMBOL));
        Semaphore accepted = new Semaphore(0);
        Semaphore booked = new Semaphore(0);
        Semaphore tickDone = new Semaphore(0);
        String[] denied = {null};
        long[] fills = {0};
        long gcCount0 = Gc.count();
        long gcMillis0 = Gc.millis();
        try (TradingEngine engine = new TradingEngine(engineSettings, clock, new GateProbe(gate, probe), List.of(spec),
                message -> System.err.println("FATAL: " + message))) {
            engine.attachJournal(journal, new RunJournal.RunStarted("live-latency", RunMode.LIVE.name(), List.of(
                    new RunJournal.StrategyInfo("ticks", TickTrader.class.getName(), null)), "bench",
                    System.getProperty("java.version"), false, s.fsync().mode().name(), null, null, "1",
                    System.currentTimeMillis() * 1_000_000));
            engine.subscribe(new EngineEventListener() {
                @Override
                public void on(EngineEvent event) {
                    switch (event) {
                        case FillBooked ignored -> {
                            probe.fillBooked(System.nanoTime());
                            booked.release();
                            if (++fills[0] % s.burst() == 0) tickDone.release();
                        }
                        case OrderUpdated u when u.order().status() == OrderStatus.ACCEPTED -> accepted.release();
                        case OrderUpdated u when u.order().status() == OrderStatus.REJECTED -> fail(denied, tickDone,
                                "order " + u.order().id() + " was rejected");
                        case OrderDenied d -> fail(denied, tickDone, "order " + d.order().id() + " was denied: "
                                + d.reasonCode() + " " + d.detail());
                        default -> { }
                    }
                }
            });
            BenchVenue venue = new BenchVenue(toVenue, edge.wire(), probe, PRICE, s.adapterFileWrite(), accepted, booked);
            Thread venueThread = Thread.ofPlatform().name("bench-venue").daemon().start(venue);
            Thread engineThread = Thread.ofPlatform().name("ballast-engine").start(() -> loop(engine, s.idle()));
            try {
                feed(engine, clock, probe, s, tickDone, denied, venue);
            } finally {
                engine.post(StopEngine.endOfData("end of data", clock.nanos()));
                join(engineThread);
                gate.close(); // its sender thread has handed every order over; the probe's figures are complete
                venueThread.interrupt();
                join(venueThread);
            }
            long gcCount = Gc.count() - gcCount0;
            long gcMillis = Gc.millis() - gcMillis0;
            long retained = Gc.retainedHeap(); // the engine, adapter and venue still reachable: what the run keeps
            journal.close();
            if (journal.failed()) throw new IllegalStateException("the journal failed during the run");
            String verified = s.verifyJournal() ? verify(journalDir, journal.records()) : null;
            if (engine.orders().openOrderCount() != 0) {
                throw new IllegalStateException(engine.orders().openOrderCount() + " orders still open at the end");
            }
            return new Result(s, probe, probe.ordersOut(), fills[0], journal.records(), store.appends(), verified,
                    probe.encodedChars(), gcCount, gcMillis, retained);
        }
    }

    private static void fail(String[] denied, Semaphore tickDone, String why) {
        if (denied[0] == null) denied[0] = why;
        tickDone.release();
    }

    /** The engine thread: as {@code RealtimeRunner}'s loop, with the chosen idle. */
    private static void loop(TradingEngine engine, Idle idle) {
        engine.start();
        int rounds = 0;
        while (!engine.stopRequested()) {
            if (engine.pollExternal()) {
                engine.publishSnapshot();
                rounds = 0;
            } else {
                rounds = idle.idle(engine, rounds);
            }
        }
        engine.finish();
    }

    /** The feed: one tick at a time, each timed from its post; the next once the last one's fills are booked. */
    private static void feed(TradingEngine engine, InputClock clock, LivePathProbe probe, Settings s, Semaphore tickDone,
                             String[] denied, BenchVenue venue) {
        long start = System.currentTimeMillis() * 1_000_000;
        int total = s.warmupTicks() + s.ticks();
        for (int i = 0; i < total; i++) {
            probe.recording = i >= s.warmupTicks();
            long now = clock.nanos();
            TradeTick tick = new TradeTick(SYMBOL, now == Long.MIN_VALUE ? start : now + 1, PRICE, Quantity.ofUnits(100));
            probe.tickPostedAt = System.nanoTime();
            engine.post(tick);
            try {
                if (!tickDone.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("tick " + (i + 1) + ": its orders were not all filled and booked within "
                            + WAIT_SECONDS + " s" + (venue.failure() == null ? "" : "; " + venue.failure()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at tick " + (i + 1));
            }
            if (denied[0] != null) throw new IllegalStateException("tick " + (i + 1) + ": " + denied[0]);
        }
    }

    private static String verify(Path dir, long records) {
        JournalVerifier.Result result;
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            result = JournalVerifier.verify(store);
        }
        if (!result.ok() || result.count() != records) {
            throw new IllegalStateException("journal chain does not verify: " + result + " (expected " + records + " records)");
        }
        return "ok, " + result.count() + " records";
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) throw new IllegalStateException(thread.getName() + " did not end within " + WAIT_SECONDS + " s");
    }

}
