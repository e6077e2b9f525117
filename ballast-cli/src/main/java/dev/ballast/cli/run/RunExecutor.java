package dev.ballast.cli.run;

import dev.ballast.cli.config.RunPlan;
import dev.ballast.engine.BacktestRunner;
import dev.ballast.engine.EngineSettings;
import dev.ballast.engine.ProgressListener;
import dev.ballast.engine.RealtimeRunner;
import dev.ballast.engine.RunResult;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.Clock;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.clock.InputClock;
import dev.ballast.engine.data.MarketDataFiles;
import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.engine.monitor.AlertBands;
import dev.ballast.engine.monitor.analytics.RunAnalytics;
import dev.ballast.engine.monitor.analytics.StatisticsSettings;
import dev.ballast.engine.monitor.analytics.RunSampler;
import dev.ballast.engine.monitor.analytics.TradeRecorder;
import dev.ballast.engine.strategy.ExecutionMode;
import dev.ballast.model.Instrument;
import dev.ballast.model.Symbol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Executes a {@link RunPlan}: wires the engine for the mode (simulated clock and the backtest runner,
 * or the wall clock and the real-time runner, both with the paper broker), runs it over the plan's
 * files and returns the result with the run's orders and fills. The one place a run is assembled.
 */
public final class RunExecutor {
    private RunExecutor() {}

    /** What a finished run produced. */
    public record Outcome(RunResult result, TradingEngine engine, java.util.List<dev.ballast.model.event.FillBooked> fills,
                          RunAnalytics analytics) {
    }

    /** The broker's name in the execution-quality figures: every run trades through the paper broker for now. */
    public static final String BROKER = "paper";

    /**
     * @param speed        paper replay speed (0 = max); ignored for backtests
     * @param fatalHandler told when the run cannot continue (see {@link TradingEngine})
     */
    public static Outcome execute(RunPlan plan, RunMode mode, double speed, ProgressListener progress,
                                  Consumer<String> fatalHandler) {
        return execute(plan, mode, speed, progress, fatalHandler, StatisticsSettings.DEFAULT, AlertBands.OFF, engine -> { });
    }

    /** As above, with {@code beforeRun} given the assembled engine before the first event (live metrics, for one). */
    public static Outcome execute(RunPlan plan, RunMode mode, double speed, ProgressListener progress,
                                  Consumer<String> fatalHandler, Consumer<TradingEngine> beforeRun) {
        return execute(plan, mode, speed, progress, fatalHandler, StatisticsSettings.DEFAULT, AlertBands.OFF, beforeRun);
    }

    /**
     * @param statistics how the performance statistics are defined
     * @param alertBands the execution-quality band outside which an order raises an alert
     * @param beforeRun  given the assembled engine before the first event, to subscribe more listeners
     *                   (live metrics, for one)
     */
    public static Outcome execute(RunPlan plan, RunMode mode, double speed, ProgressListener progress,
                                  Consumer<String> fatalHandler, StatisticsSettings statistics, AlertBands alertBands,
                                  Consumer<TradingEngine> beforeRun) {
        return execute(plan, mode, speed, progress, fatalHandler, statistics, alertBands, beforeRun, TimeWindow.ALL);
    }

    /**
     * As above, over only the market data inside {@code window} (the lifecycle gates split and truncate
     * the data by time this way, without writing filtered copies of the files).
     */
    public static Outcome execute(RunPlan plan, RunMode mode, double speed, ProgressListener progress,
                                  Consumer<String> fatalHandler, StatisticsSettings statistics, AlertBands alertBands,
                                  Consumer<TradingEngine> beforeRun, TimeWindow window) {
        return execute(plan, mode, speed, progress, fatalHandler, statistics, alertBands, beforeRun, window, BrokerSetup.NONE,
                RealtimeRunner.BeforeFeed.NONE);
    }

    /** Puts something between the engine and the run's paper broker (the journal's write-ahead gate, for one). */
    @FunctionalInterface
    public interface BrokerSetup {
        BrokerSetup NONE = (broker, clock) -> broker;

        BrokerageInterface wrap(PaperBroker broker, Clock clock);
    }

    /**
     * As above, with the broker the engine talks to set up by {@code brokerSetup}, and for paper runs
     * {@code beforeFeed} run on the engine thread before the feed starts (a resume's replay).
     */
    public static Outcome execute(RunPlan plan, RunMode mode, double speed, ProgressListener progress,
                                  Consumer<String> fatalHandler, StatisticsSettings statistics, AlertBands alertBands,
                                  Consumer<TradingEngine> beforeRun, TimeWindow window, BrokerSetup brokerSetup,
                                  RealtimeRunner.BeforeFeed beforeFeed) {
        ExecutionMode executionMode = mode == RunMode.BACKTEST ? ExecutionMode.BACKTEST : ExecutionMode.REAL_TIME;
        // Paper runs replay files, so their time is the data's, running on at the replay speed.
        // Engine time in paper runs stands still while one input is handled, so the journal can replay it exactly.
        Clock clock = mode == RunMode.BACKTEST ? new SimulatedClock(Long.MIN_VALUE) : new InputClock(new ReplayClock(speed));
        Map<Symbol, Instrument> instruments = new LinkedHashMap<>();
        for (Instrument instrument : plan.instruments()) instruments.put(instrument.symbol(), instrument);
        PaperBroker broker = new PaperBroker(clock, instruments, plan.broker());
        EngineSettings settings = new EngineSettings(executionMode, plan.initialCash(), plan.instruments(), plan.risk(),
                plan.isolation());
        try (MarketDataSource source = window.apply(MarketDataFiles.openAll(plan.dataFiles(), plan.dataKind(), plan.csvOptions()));
             TradingEngine engine = new TradingEngine(settings, clock, brokerSetup.wrap(broker, clock), plan.strategies(),
                     fatalHandler)) {
            FillRecorder fills = new FillRecorder();
            engine.subscribe(fills);
            TradeRecorder trades = new TradeRecorder(symbol -> RunAnalytics.multiplier(engine.portfolio(), symbol));
            engine.subscribe(trades);
            RunSampler sampler = new RunSampler(engine.portfolio());
            engine.monitor().setEquityObserver(sampler);
            engine.monitor().setAlertBands(alertBands);
            beforeRun.accept(engine);
            RunResult result = mode == RunMode.BACKTEST
                    ? BacktestRunner.run(engine, source, progress)
                    : RealtimeRunner.run(engine, source, speed, progress, beforeFeed);
            RunAnalytics analytics = RunAnalytics.compute(engine.monitor(), engine.portfolio(), trades, sampler,
                    statistics, BROKER);
            return new Outcome(result, engine, fills.fills(), analytics);
        }
    }
}
