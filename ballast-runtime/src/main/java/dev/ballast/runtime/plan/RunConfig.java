package dev.ballast.runtime.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The YAML run configuration as written by the user, before validation: what {@link ConfigLoader}
 * reads. Unknown keys are refused by the loader; missing optional sections take defaults. Immutable.
 */
public record RunConfig(Run run, Data data, List<InstrumentSpec> instruments, List<StrategyConfig> strategies,
                        Broker broker, Risk risk, Isolation isolation, Paper paper, Metrics metrics,
                        Analytics analytics, Journal journal) {

    /** Account and output: initial cash, the account currency, the output folder. */
    public record Run(String name, BigDecimal initialCash, String currency, String output) {
    }

    /** Market data: files (relative to the config file), their kind, the zone of zone-less timestamps, bad rows. */
    public record Data(String kind, List<String> files, String symbol, String zone, String onBadRow) {
    }

    /** One instrument's contract terms; symbols not listed are equities with a one-cent tick and lots of one. */
    public record InstrumentSpec(String symbol, String assetClass, BigDecimal tickSize, BigDecimal lotSize,
                                 Long multiplier) {
    }

    /** One strategy: its id, its type from the catalog, the symbols it trades, its parameters. */
    public record StrategyConfig(String id, String type, List<String> symbols, Map<String, Object> params) {
    }

    /**
     * The broker: the venue a live run trades with ({@code type}: paper, the default, fix or alpaca, with its section),
     * and the paper venue's latency, share of bar volume, slippage and commission models, the zone for DAY expiry.
     */
    public record Broker(String type, Long latencyMs, BigDecimal maxVolumeShare, Slippage slippage, Commission commission,
                         String zone, Long seed, Fix fix, Alpaca alpaca) {
    }

    /**
     * A FIX 4.4 venue: host and port ({@code portEnv} names an environment variable that overrides the port), the
     * session's CompIDs, heartbeat, whether sequence numbers reset (all off by default), the message rate limit, how
     * long a status query may take, the account (tag 1), and where the Logon password comes from.
     */
    public record Fix(String host, Integer port, String portEnv, String senderCompId, String targetCompId,
                      Integer heartbeatSeconds, Boolean resetOnLogon, Boolean resetOnLogout, Boolean resetOnDisconnect,
                      Integer maxMessagesPerSecond, Long queryTimeoutMs, String account, String passwordEnv,
                      String credentialsFile) {
    }

    /**
     * Alpaca: the trading and stream URLs (default: the paper endpoint), the environment variables or the
     * owner-only credentials file holding the key id and secret, how long a silent stream counts as alive, the
     * request rate limit and how long a status query may take.
     */
    public record Alpaca(String tradingUrl, String streamUrl, String keyIdEnv, String secretKeyEnv,
                         String credentialsFile, Long streamSilenceMs, Integer maxRequestsPerMinute, Long queryTimeoutMs) {
    }

    /** Slippage model: {@code none}, {@code fixed} (bps) or {@code volume} (bps plus impact). */
    public record Slippage(String model, BigDecimal bps, BigDecimal impactBps) {
    }

    /** Commission model: {@code none}, {@code per-share} (perShare, minimum) or {@code bps} (bps). */
    public record Commission(String model, BigDecimal perShare, BigDecimal minimum, BigDecimal bps) {
    }

    /**
     * Risk limits (every key optional; absent ones are not checked): the zone whose midnight starts a
     * trading day, the account's limits, each strategy's (which may only tighten the account's), and
     * the engine circuit breakers. Percentages are percent numbers (5 = 5%).
     */
    public record Risk(String tradingDayZone, AccountRisk account, Map<String, StrategyRisk> strategies,
                       Breakers breakers) {
    }

    /** The account's limits; {@code checkBuyingPower} defaults to true. */
    public record AccountRisk(Boolean checkBuyingPower, OrderRisk order, PositionRisk position,
                              CorrelationRisk correlation, LossRisk loss, PerformanceRisk performance) {
    }

    /** One strategy's limits: the account's groups except correlation (account-wide); they may only tighten. */
    public record StrategyRisk(OrderRisk order, PositionRisk position, LossRisk loss, PerformanceRisk performance) {
    }

    /** Limits on single orders and order traffic. */
    public record OrderRisk(BigDecimal maxQuantity, BigDecimal maxNotional, BigDecimal priceCollarPct,
                            Integer maxOpenOrders, Long duplicateWindowMs, Integer maxOrdersPerSecond) {
    }

    /** Limits on positions and exposure, open orders counted as filled. */
    public record PositionRisk(BigDecimal maxQuantity, BigDecimal maxNotional, BigDecimal maxPctOfEquity,
                               Integer maxOpenPositions, BigDecimal maxGrossExposure, BigDecimal maxNetExposure,
                               BigDecimal maxConcentrationPct, BigDecimal maxLeverage) {
    }

    /** The correlated-exposure cap: rolling window of bars, |correlation| threshold, cap as % of equity. */
    public record CorrelationRisk(Integer window, BigDecimal threshold, BigDecimal maxCorrelatedExposurePct) {
    }

    /** Daily loss (amount or %) with auto-halt, and drawdown levels for REDUCE_ONLY and HALTED. */
    public record LossRisk(BigDecimal maxDailyLoss, BigDecimal maxDailyLossPct, Boolean flattenOnHalt,
                           Boolean resumeNextDay, BigDecimal reduceOnlyDrawdownPct, BigDecimal haltDrawdownPct) {
    }

    /** The strategy circuit breaker over the last {@code window} trades. */
    public record PerformanceRisk(Integer window, Integer minTrades, BigDecimal minRollingPnl,
                                  BigDecimal maxRollingDrawdown, Integer maxConsecutiveLosses, BigDecimal minWinRatePct,
                                  Integer maxErrors, BigDecimal maxRejectRatePct, Long cooldownMinutes) {
    }

    /** Engine circuit breakers: stale market data, bursts of broker rejects. */
    public record Breakers(Long staleDataMs, Integer maxBrokerRejects, Long rejectWindowMs, Long rejectPauseMs) {
    }

    /** Strategy isolation limits. */
    public record Isolation(Long callbackBudgetMs, Integer maxRequestsPerCallback, Integer maxRequestsPerSecond,
                            Integer inboxCapacity) {
    }

    /**
     * Paper mode: replay speed, a number (1 = real time) or {@code max}; what a stopped run does with its open orders,
     * {@code cancel} (default) or {@code leave}.
     */
    public record Paper(@JsonProperty("speed") String speed, @JsonProperty("onStop") String onStop) {
    }

    /** Live metrics: the loopback port of the Prometheus endpoint for paper runs (0 = any free port). */
    /**
     * How performance statistics are defined and when an order's execution raises an alert: periods per
     * year (default: from the bar spacing), the annual risk-free rate in percent, sample or population
     * standard deviation, and the alert band.
     */
    public record Analytics(BigDecimal periodsPerYear, BigDecimal riskFreeRatePct, String stdDev, Alerts alerts) {
    }

    /** The execution-quality band: an order outside it raises an alert. */
    public record Alerts(BigDecimal maxSlippageBps, Long maxTimeToFillMs) {
    }

    public record Metrics(Integer port) {
    }

    /**
     * The run journal: on or off (default on), market data journaled (default no), fsync interval|every-batch|never,
     * the store (file, the default, or postgres) and, for postgres, where the database is.
     */
    public record Journal(Boolean enabled, Boolean marketData, String fsync, String store, JournalPostgres postgres) {
    }

    /** A PostgreSQL journal: JDBC URL, user, and the name of the environment variable holding the password. */
    public record JournalPostgres(String url, String user, String passwordEnv) {
    }
}
