package dev.ballast.runtime;

import dev.ballast.runtime.recovery.VenueReconciliation;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.VenuePlan;
import dev.ballast.runtime.live.LiveVenues;
import dev.ballast.runtime.live.LiveVenue;
import dev.ballast.engine.BacktestRunner;
import dev.ballast.engine.EngineSettings;
import dev.ballast.engine.ProgressListener;
import dev.ballast.engine.RealtimeRunner;
import dev.ballast.engine.RunResult;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.Clock;
import dev.ballast.engine.clock.InputClock;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.data.MarketDataFiles;
import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.monitor.analytics.RunAnalytics;
import dev.ballast.engine.monitor.analytics.RunSampler;
import dev.ballast.engine.monitor.analytics.TradeRecorder;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.EpochNanos;
import dev.ballast.model.Instrument;
import dev.ballast.model.RunMode;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.StopEngine;
import dev.ballast.runtime.journal.VenueJournaling;
import dev.ballast.runtime.journal.RunJournals;
import dev.ballast.runtime.plan.DocumentOrigin;
import dev.ballast.runtime.plan.JournalSettings;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.Sha256;
import dev.ballast.runtime.recovery.PaperResume;
import dev.ballast.runtime.recovery.PortfolioReplay;
import dev.ballast.runtime.recovery.RunRecovery;
import dev.ballast.runtime.results.FillRecorder;
import dev.ballast.runtime.results.ResultWriter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run, from its plan to its results, and the one place a run is wired: it opens the run's journal (or reopens
 * it for a resume), assembles the engine for the mode (a simulated clock and the backtest runner, or the replay
 * clock and the real-time runner; the paper venue, behind the journal's write-ahead gate in a journaled paper
 * run), attaches the journal or the recovery and then whatever the caller attached (metrics, operator surfaces),
 * runs over the plan's data, records how the run finished, closes the journal (everything queued is stored) and
 * writes {@code results.json} and the CSV files. Nothing else constructs a {@link TradingEngine}.
 *
 * <p>Built with {@link #of} or {@link #resuming}; {@link #execute} runs it once, on the calling thread, which
 * becomes the engine thread.
 */
public final class Run {
    /** The broker's name in the execution-quality figures of a backtest or a paper run. */
    public static final String BROKER = "paper";

    private final RunPlan plan;
    private final RunMode mode;
    private final double speed;
    private final Path output;
    private final boolean journaled;
    private final boolean resultFiles;
    private final boolean analytics;
    private final PaperResume resume;
    private final TimeWindow window;
    private final ProgressListener progress;
    private final Consumer<String> onFatal;
    private final Supplier<MarketDataSource> source;
    private final List<Consumer<RunHandle>> attachments;
    private final String version;
    private final RunHandle handle;

    private Run(Builder b) {
        this.plan = b.plan;
        this.mode = b.mode;
        this.speed = b.speed != null ? b.speed : plan.paperSpeed();
        this.resume = b.resume;
        this.output = b.resume != null ? b.resume.runDir() : b.output;
        this.journaled = output != null && (b.resume != null || (b.journaled && plan.journal().enabled()));
        this.resultFiles = output != null && b.resultFiles;
        this.analytics = b.analytics;
        this.window = b.window;
        this.progress = b.progress;
        this.onFatal = b.onFatal;
        this.source = b.source;
        this.attachments = List.copyOf(b.attachments);
        this.version = b.version;
        Set<StrategyId> strategyIds = new LinkedHashSet<>();
        for (StrategySpec spec : plan.strategies()) strategyIds.add(spec.id());
        this.handle = new RunHandle(plan.name(), strategyIds, plan.onStop());
    }

    /**
     * The run's operator handle: commands, snapshots, events, stop. Usable from any thread as soon as the run is
     * built; commands posted before the engine starts are handled first.
     */
    public RunHandle handle() {
        return handle;
    }

    /** A new run of {@code plan} in {@code mode}. */
    public static Builder of(RunPlan plan, RunMode mode) {
        return new Builder(plan, mode, null);
    }

    /**
     * The paper or live run in {@code resume}'s folder, brought back after a crash: re-executed from its journal, the
     * venue reconciled, then carried on (see {@link RunRecovery}). {@code plan} is the plan of the configuration it
     * started with.
     */
    public static Builder resuming(PaperResume resume, RunPlan plan) {
        return new Builder(plan, resume.mode(), Objects.requireNonNull(resume));
    }

    /** Runs it to the end of its data (or until it is stopped) and returns what it produced. */
    public RunOutcome execute() {
        try {
            return executeOnce();
        } finally {
            // Told also when the run failed: a surface waiting for the end must not wait forever.
            handle.markEnded();
        }
    }

    private RunOutcome executeOnce() {
        LiveVenues.Credentials credentials = mode == RunMode.LIVE ? LiveVenues.readCredentials(plan.venue()) : null;
        RunJournals.Opened opened = !journaled ? null
                : resume != null ? RunJournals.reopen(output, plan.journal(), plan.configFile())
                : RunJournals.open(plan.journal(), mode, output, plan.configFile());
        RunJournal journal = opened == null ? null : opened.journal();
        VenueJournaling venueJournal = mode.realTime() && journal != null
                ? new VenueJournaling(journal, output, resume, plan.name()) : null;
        List<String> fatal = new CopyOnWriteArrayList<>();
        Assembled run;
        RunRecovery recovery = null;
        try {
            run = assembleAndRun(journal, venueJournal, credentials, fatal);
            if (venueJournal != null && resume != null) {
                recovery = venueJournal.recovery();
                recovery.atEnd();
            }
            if (journal != null && (recovery == null || recovery.outcome() != RunRecovery.Outcome.REFUSED)) {
                TradingEngine engine = run.engine;
                RunJournal.RunFinished end = PortfolioReplay.finished(plan.name(),
                        engine.stopReason() == null ? "end of data" : engine.stopReason(),
                        engine.portfolio(), engine.clock().nanos());
                // Stopped by an operator or a signal: its own end record, neither a crash nor a data run's end.
                StopEngine stop = engine.stopCommand();
                if (stop != null && stop.byOperator()) {
                    journal.stopped(new RunJournal.RunStopped(stop.operator(), stop.reason(), stop.openOrders(), end));
                } else {
                    journal.finished(end);
                }
            }
        } finally {
            // Stores everything still queued: the journal is complete when the run's results are written.
            if (journal != null) journal.close();
            if (venueJournal != null) venueJournal.close();
            // The final snapshot (with the closed journal's head); subscribers drain and close.
            handle.close();
        }
        RunOutcome outcome = new RunOutcome(plan, mode, output, run.result, run.engine, run.fills.fills(), run.analytics,
                run.startReconciliation,
                journal == null ? null : new RunOutcome.JournalSummary(opened.location(), journal.records(),
                        journal.head().toString(), journal.failed()),
                recovery == null ? null : new RunOutcome.RecoverySummary(recovery.outcome(), recovery.detail(),
                        recovery.matchedRecords(), recovery.unrecordedRequests(), recovery.closedNeverSent()),
                fatal);
        if (resultFiles && !outcome.refused()) ResultWriter.write(output, outcome);
        return outcome;
    }

    private record Assembled(TradingEngine engine, RunResult result, FillRecorder fills, RunAnalytics analytics,
                             VenueReconciliation.Result startReconciliation) {
    }

    /** Picks the clock and the venue for the mode (a live run's adapter, closed at the end), then wires and runs. */
    private Assembled assembleAndRun(RunJournal journal, VenueJournaling venueJournal, LiveVenues.Credentials credentials,
                                     List<String> fatal) {
        // A backtest's time is the data's; a paper run replays files, so its time is the data's running on at the
        // replay speed, standing still while one input is handled (so the journal can replay it exactly).
        Clock clock = mode == RunMode.BACKTEST ? new SimulatedClock(Long.MIN_VALUE) : new InputClock(new ReplayClock(speed));
        Map<Symbol, Instrument> instruments = new LinkedHashMap<>();
        for (Instrument instrument : plan.instruments()) instruments.put(instrument.symbol(), instrument);
        LiveVenue live = null;
        BrokerageInterface broker;
        if (mode == RunMode.LIVE && !(plan.venue() instanceof VenuePlan.Paper)) {
            if (venueJournal == null) {
                throw new ConfigException("a live run writes every order ahead in its journal: it needs an output folder "
                        + "and journal.enabled: true");
            }
            live = LiveVenues.open(plan.venue(), credentials, clock, output, resume == null);
            broker = venueJournal.wrapLive(live.broker(), live::connected, clock);
        } else {
            PaperBroker venue = new PaperBroker(clock, instruments, plan.broker());
            broker = venueJournal == null ? venue : venueJournal.wrap(venue, clock);
        }
        try {
            return wireAndRun(journal, venueJournal, fatal, clock, broker, live);
        } finally {
            if (live != null) {
                venueJournal.gate().close(); // what still waits for the journal goes before the adapter closes
                live.close();
            }
        }
    }

    /** Wires the engine to {@code broker}, its listeners and the caller's attachments, and runs it over the data. */
    private Assembled wireAndRun(RunJournal journal, VenueJournaling venueJournal, List<String> fatal, Clock clock,
                                 BrokerageInterface broker, LiveVenue live) {
        EngineSettings settings = new EngineSettings(mode, plan.initialCash(), plan.instruments(), plan.risk(),
                plan.isolation());
        Consumer<String> fatalHandler = message -> {
            fatal.add(message);
            onFatal.accept(message);
        };
        try (MarketDataSource data = window.apply(source != null ? source.get()
                : MarketDataFiles.openAll(plan.dataFiles(), plan.dataKind(), plan.csvOptions()));
             TradingEngine engine = new TradingEngine(settings, clock, broker, plan.strategies(), fatalHandler)) {
            // Listeners in this order after the engine's own components: the journal (or the recovery matching the
            // re-executed run against it), the results' recorders, then what the caller attached.
            if (venueJournal != null && resume != null) {
                venueJournal.attachRecovery(engine);
            } else if (journal != null) {
                engine.attachJournal(journal, runStarted());
            }
            FillRecorder fills = new FillRecorder();
            engine.subscribe(fills);
            TradeRecorder trades = analytics ? new TradeRecorder(symbol -> RunAnalytics.multiplier(engine.portfolio(), symbol)) : null;
            if (trades != null) engine.subscribe(trades);
            RunSampler sampler = analytics ? new RunSampler(engine.portfolio()) : null;
            if (sampler != null) engine.monitor().setEquityObserver(sampler);
            engine.monitor().setAlertBands(plan.alertBands());
            if (live != null) {
                String type = plan.venue().type();
                handle.venue(() -> new RunSnapshot.VenueStatus(type, live.connected()));
            }
            engine.subscribe(handle.bind(engine, journal));
            attachments.forEach(attachment -> attachment.accept(handle));
            // The adapter connects now that the engine takes its reports; the gate holds orders until reconciled.
            if (live != null) {
                live.bind(engine, venueJournal.gate());
                live.start();
            }
            VenueReconciliation.Result[] atStart = {null};
            RealtimeRunner.BeforeFeed beforeFeed = beforeFeed(engine, venueJournal, live, result -> atStart[0] = result);
            RunResult result = mode == RunMode.BACKTEST
                    ? BacktestRunner.run(engine, data, progress)
                    : RealtimeRunner.run(engine, data, speed, progress, beforeFeed,
                    live != null ? live.queryTimeout() : Duration.ZERO);
            RunAnalytics figures = analytics ? RunAnalytics.compute(engine.monitor(), engine.portfolio(), trades, sampler,
                    plan.statistics(), live != null ? plan.venue().type() : BROKER) : null;
            return new Assembled(engine, result, fills, figures, atStart[0]);
        }
    }

    /**
     * What the engine thread does before the feed starts: a resume re-executes the journal (reconciling the venue at its
     * end); a new live run reconciles its venue before the first order. A live venue is given the time to log on first.
     */
    private RealtimeRunner.BeforeFeed beforeFeed(TradingEngine engine, VenueJournaling venueJournal, LiveVenue live,
                                                 Consumer<VenueReconciliation.Result> atStart) {
        if (venueJournal != null && resume != null) {
            if (live == null) return venueJournal.recovery()::replay;
            return feed -> {
                live.awaitConnected();
                return venueJournal.recovery().replay(feed);
            };
        }
        if (live == null) return RealtimeRunner.BeforeFeed.NONE;
        return feed -> {
            live.awaitConnected();
            atStart.accept(venueJournal.reconcileAtStart(engine, live.queryTimeout()));
            return RealtimeRunner.Replayed.NONE;
        };
    }

    /** The run-start record: what ran (strategies, their classes and document hashes) and with which versions. */
    private RunJournal.RunStarted runStarted() {
        List<RunJournal.StrategyInfo> strategies = new ArrayList<>();
        for (StrategySpec spec : plan.strategies()) {
            DocumentOrigin document = plan.documents().get(spec.id());
            strategies.add(new RunJournal.StrategyInfo(spec.id().toString(), spec.strategy().getClass().getName(),
                    document == null ? null : document.sha256()));
        }
        JournalSettings settings = plan.journal();
        Path config = plan.configFile();
        return new RunJournal.RunStarted(plan.name(), mode.name(), strategies, version,
                System.getProperty("java.version"), settings.marketData(),
                settings.fsyncFor(mode == RunMode.BACKTEST).mode().name(),
                config == null ? null : config.toAbsolutePath().normalize().toString(),
                config == null ? null : Sha256.ofFile(config),
                mode == RunMode.BACKTEST ? null : speed == 0 ? "max" : formatSpeed(speed), EpochNanos.of(Instant.now()));
    }

    private static String formatSpeed(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }

    /** How a run is set up; every setting has a default but the plan and mode. Not thread-safe. */
    public static final class Builder {
        private final RunPlan plan;
        private final RunMode mode;
        private final PaperResume resume;
        private Double speed;
        private Path output;
        private boolean journaled = true;
        private boolean resultFiles = true;
        private boolean analytics = true;
        private TimeWindow window = TimeWindow.ALL;
        private ProgressListener progress = ProgressListener.NONE;
        private Consumer<String> onFatal = message -> { };
        private Supplier<MarketDataSource> source;
        private final List<Consumer<RunHandle>> attachments = new ArrayList<>();
        private String version = "dev";

        private Builder(RunPlan plan, RunMode mode, PaperResume resume) {
            this.plan = Objects.requireNonNull(plan);
            this.mode = Objects.requireNonNull(mode);
            this.resume = resume;
        }

        /** Paper replay speed: 1 real time, 10 ten times faster, 0 as fast as the engine keeps up; default the plan's. */
        public Builder speed(double speed) {
            this.speed = speed;
            return this;
        }

        /**
         * The run folder: the journal (as the plan's journal settings say) and the results files go there. Without
         * one the run is kept in memory: no journal, no files.
         */
        public Builder output(Path output) {
            if (resume != null) throw new IllegalStateException("a resume continues in its own folder");
            this.output = output;
            return this;
        }

        /** Whether the run is journaled when it has a folder and the plan's journal is on (default true). */
        public Builder journaled(boolean journaled) {
            this.journaled = journaled;
            return this;
        }

        /** Whether results.json and the CSV files are written to the folder (default true). */
        public Builder resultFiles(boolean resultFiles) {
            this.resultFiles = resultFiles;
            return this;
        }

        /**
         * Whether the run records what its performance statistics need (closed trades, equity samples) and computes
         * them at the end (default true; {@link RunOutcome#analytics()} is null without). The benchmark measures the
         * pipeline with and without them.
         */
        public Builder analytics(boolean analytics) {
            this.analytics = analytics;
            return this;
        }

        /** Only the market data inside {@code window} (the lifecycle gates split and truncate the data this way). */
        public Builder window(TimeWindow window) {
            this.window = Objects.requireNonNull(window);
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /**
         * Told, on another thread, when the run cannot go on (a strategy callback past the hard limit in a backtest
         * or a resume's re-execution); the message is also in {@link RunOutcome#fatal()} if the run ever returns.
         */
        public Builder onFatal(Consumer<String> onFatal) {
            this.onFatal = Objects.requireNonNull(onFatal);
            return this;
        }

        /** Market data from {@code source} instead of the plan's files (benchmarks, tests). */
        public Builder source(Supplier<MarketDataSource> source) {
            this.source = Objects.requireNonNull(source);
            return this;
        }

        /**
         * Given the run's {@link RunHandle} once the engine is assembled, before the first event (so a subscriber
         * hears every event): metrics and operator surfaces attach here. Runs on the engine thread.
         */
        public Builder attach(Consumer<RunHandle> attachment) {
            attachments.add(Objects.requireNonNull(attachment));
            return this;
        }

        /** The Ballast version recorded in the journal's RunStarted. */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version);
            return this;
        }

        public Run build() {
            return new Run(this);
        }
    }
}
