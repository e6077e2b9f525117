package dev.ballast.runtime.plan;

import dev.ballast.engine.data.BadRowPolicy;
import dev.ballast.model.event.OpenOrdersOnStop;
import dev.ballast.engine.broker.paper.PaperBrokerSettings;
import dev.ballast.engine.data.CsvOptions;
import dev.ballast.engine.data.MarketDataKind;
import dev.ballast.engine.monitor.AlertBands;
import dev.ballast.engine.monitor.analytics.StatisticsSettings;
import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.ballast.model.StrategyId;

/**
 * A validated run: every value of the configuration checked and turned into the engine's types, paths
 * resolved against the configuration's folder. What the backtest, paper and live commands execute. Immutable
 * (the strategies are fresh instances for this run).
 *
 * @param risk       the risk limits: the account's, each strategy's (only tightening), breakers, trading-day zone
 * @param paperSpeed replay speed for paper mode, 0 for as fast as possible
 * @param statistics how performance statistics are defined (analytics section)
 * @param alertBands the execution-quality band outside which an order raises an alert
 * @param documents  for each strategy written in the strategy language, the document (and generation) it came from
 * @param journal    the run journal: on or off, market data, fsync policy
 * @param metricsPort loopback port of the Prometheus endpoint for paper runs (0 = any free port), null when not configured
 * @param onStop     what a run stopped by an operator or a signal does with its open orders ({@code paper.onStop})
 * @param venue      where a live run sends its orders ({@code broker.type}); backtests and paper runs use the paper venue
 */
public record RunPlan(Path configFile, String name, Money initialCash, Path output, MarketDataKind dataKind,
                      List<Path> dataFiles, CsvOptions csvOptions, List<Instrument> instruments,
                      List<StrategySpec> strategies, PaperBrokerSettings broker, RiskConfig risk,
                      IsolationPolicy isolation, double paperSpeed, Integer metricsPort,
                      StatisticsSettings statistics, AlertBands alertBands, Map<StrategyId, DocumentOrigin> documents,
                      JournalSettings journal, OpenOrdersOnStop onStop, VenuePlan venue) {

    public RunPlan {
        documents = documents == null ? Map.of() : Map.copyOf(documents);
        journal = journal == null ? JournalSettings.DEFAULT : journal;
        onStop = onStop == null ? OpenOrdersOnStop.CANCEL : onStop;
        venue = venue == null ? VenuePlan.PAPER : venue;
    }

    /** A plan trading with the paper venue. */
    public RunPlan(Path configFile, String name, Money initialCash, Path output, MarketDataKind dataKind,
                   List<Path> dataFiles, CsvOptions csvOptions, List<Instrument> instruments,
                   List<StrategySpec> strategies, PaperBrokerSettings broker, RiskConfig risk,
                   IsolationPolicy isolation, double paperSpeed, Integer metricsPort,
                   StatisticsSettings statistics, AlertBands alertBands, Map<StrategyId, DocumentOrigin> documents,
                   JournalSettings journal, OpenOrdersOnStop onStop) {
        this(configFile, name, initialCash, output, dataKind, dataFiles, csvOptions, instruments, strategies, broker, risk,
                isolation, paperSpeed, metricsPort, statistics, alertBands, documents, journal, onStop, VenuePlan.PAPER);
    }

    /** A plan whose stopped runs cancel their open orders (the default). */
    public RunPlan(Path configFile, String name, Money initialCash, Path output, MarketDataKind dataKind,
                   List<Path> dataFiles, CsvOptions csvOptions, List<Instrument> instruments,
                   List<StrategySpec> strategies, PaperBrokerSettings broker, RiskConfig risk,
                   IsolationPolicy isolation, double paperSpeed, Integer metricsPort,
                   StatisticsSettings statistics, AlertBands alertBands, Map<StrategyId, DocumentOrigin> documents,
                   JournalSettings journal) {
        this(configFile, name, initialCash, output, dataKind, dataFiles, csvOptions, instruments, strategies, broker, risk,
                isolation, paperSpeed, metricsPort, statistics, alertBands, documents, journal, OpenOrdersOnStop.CANCEL);
    }

    /** A plan with the default journal settings. */
    public RunPlan(Path configFile, String name, Money initialCash, Path output, MarketDataKind dataKind,
                   List<Path> dataFiles, CsvOptions csvOptions, List<Instrument> instruments,
                   List<StrategySpec> strategies, PaperBrokerSettings broker, RiskConfig risk,
                   IsolationPolicy isolation, double paperSpeed, Integer metricsPort,
                   StatisticsSettings statistics, AlertBands alertBands, Map<StrategyId, DocumentOrigin> documents) {
        this(configFile, name, initialCash, output, dataKind, dataFiles, csvOptions, instruments, strategies, broker, risk,
                isolation, paperSpeed, metricsPort, statistics, alertBands, documents, JournalSettings.DEFAULT);
    }

    /** The same plan with bad data rows skipped and counted instead of stopping the run. */
    public RunPlan skippingBadRows() {
        return new RunPlan(configFile, name, initialCash, output, dataKind, dataFiles,
                csvOptions.withPolicy(BadRowPolicy.SKIP), instruments, strategies, broker, risk,
                isolation, paperSpeed, metricsPort, statistics, alertBands, documents, journal, onStop, venue);
    }
}
