package dev.ballast.runtime.plan;

import dev.ballast.engine.risk.BreakerLimits;
import dev.ballast.engine.risk.CorrelationLimits;
import dev.ballast.engine.risk.LimitMerge;
import dev.ballast.engine.risk.LossLimits;
import dev.ballast.engine.risk.OrderLimits;
import dev.ballast.engine.risk.PerformanceLimits;
import dev.ballast.engine.risk.PositionLimits;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Money;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the {@code risk:} section into the engine's {@link RiskConfig}, refusing before anything runs
 * negative or zero limits, percentages out of range, inconsistent pairs, strategy ids that name no
 * configured strategy and strategy limits that loosen the account's. Every message names the key's
 * full path ({@code risk.strategies.sma.position.maxQuantity}). Percentages are converted exactly.
 *
 * <p>A strategy's performance section is laid over the account's (keys it leaves out take the
 * account's values), since its circuit breaker replaces the account's default for it. Stateless.
 */
final class RiskPlanner {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int DEFAULT_PERFORMANCE_WINDOW = PerformanceLimits.NONE.window();
    private static final int DEFAULT_MIN_TRADES = PerformanceLimits.NONE.minTrades();
    private static final int DEFAULT_CORRELATION_WINDOW = 60;
    private static final double DEFAULT_CORRELATION_THRESHOLD = 0.7;

    private RiskPlanner() {}

    /** @param strategyIds the ids of the configured strategies, which {@code risk.strategies} may name */
    static RiskConfig plan(Values values, RunConfig.Risk risk, List<String> strategyIds) {
        return plan(values, risk, strategyIds, Map.of());
    }

    /**
     * As {@link #plan(Values, RunConfig.Risk, List)}, with each document strategy's own {@code risk} section
     * applied as that strategy's limits: merged with its {@code risk.strategies} entry so that the tightest
     * value of each wins, then capped at the account's, so a document can only tighten ({@link LimitMerge}).
     *
     * @param documentRisk by strategy id, the risk section of the strategy's document (only documents that have one)
     */
    static RiskConfig plan(Values values, RunConfig.Risk risk, List<String> strategyIds, Map<String, DocumentRisk> documentRisk) {
        if (risk == null && documentRisk.isEmpty()) return RiskConfig.defaults();
        if (risk == null) risk = new RunConfig.Risk(null, null, null, null);
        ZoneId zone = RunPlanner.zone(values, "risk.tradingDayZone", risk.tradingDayZone());
        RunConfig.AccountRisk accountConfig = risk.account() != null ? risk.account()
                : new RunConfig.AccountRisk(null, null, null, null, null, null);
        boolean checkBuyingPower = accountConfig.checkBuyingPower() == null || accountConfig.checkBuyingPower();
        String a = "risk.account";
        RiskLimits account = new RiskLimits(order(values, a + ".order", accountConfig.order()),
                position(values, a + ".position", accountConfig.position()),
                correlation(values, a + ".correlation", accountConfig.correlation()),
                loss(values, a + ".loss", accountConfig.loss()),
                performance(values, a + ".performance", null, accountConfig.performance()),
                checkBuyingPower);

        Map<StrategyId, RiskLimits> strategies = new LinkedHashMap<>();
        if (risk.strategies() != null) {
            for (Map.Entry<String, RunConfig.StrategyRisk> entry : risk.strategies().entrySet()) {
                String id = entry.getKey();
                String s = "risk.strategies." + id;
                if (!strategyIds.contains(id)) {
                    throw values.error(s, "no strategy has the id '" + id + "' (configured: " + String.join(", ", strategyIds) + ")");
                }
                RunConfig.StrategyRisk own = entry.getValue() != null ? entry.getValue()
                        : new RunConfig.StrategyRisk(null, null, null, null);
                RiskLimits limits = new RiskLimits(order(values, s + ".order", own.order()),
                        position(values, s + ".position", own.position()), null,
                        loss(values, s + ".loss", own.loss()),
                        performance(values, s + ".performance", accountConfig.performance(), own.performance()),
                        checkBuyingPower);
                tightening(values, s, accountConfig, own);
                strategies.put(StrategyId.of(id), limits);
            }
        }
        for (Map.Entry<String, DocumentRisk> entry : documentRisk.entrySet()) {
            StrategyId id = StrategyId.of(entry.getKey());
            RiskLimits document = documentLimits(values, accountConfig, entry.getValue(), checkBuyingPower);
            strategies.put(id, LimitMerge.within(account, LimitMerge.tightest(strategies.get(id), document)));
        }
        BreakerLimits breakers = breakers(values, risk.breakers());
        try {
            return new RiskConfig(account, strategies, breakers, zone);
        } catch (IllegalArgumentException e) {
            // The checks above should have caught everything the engine refuses; name the section at least.
            throw values.error("risk", e.getMessage());
        }
    }

    /**
     * A document's own limits, planned as a {@code risk.strategies} entry is (its performance section laid
     * over the account's), each error naming the document. Not checked against the account here: a value
     * looser than the account's is capped, not refused, as the document may run under different accounts.
     */
    private static RiskLimits documentLimits(Values values, RunConfig.AccountRisk accountConfig, DocumentRisk document,
                                             boolean checkBuyingPower) {
        RunConfig.StrategyRisk own = document.risk();
        String s = document.key();
        return new RiskLimits(order(values, s + ".order", own.order()), position(values, s + ".position", own.position()), null,
                loss(values, s + ".loss", own.loss()),
                performance(values, s + ".performance", accountConfig.performance(), own.performance()), checkBuyingPower);
    }

    private static OrderLimits order(Values values, String key, RunConfig.OrderRisk order) {
        if (order == null) return OrderLimits.NONE;
        return new OrderLimits(
                order.maxQuantity() == null ? null : Quantity.ofRaw(values.decimal(key + ".maxQuantity", order.maxQuantity(), false)),
                money(values, key + ".maxNotional", order.maxNotional()),
                // A collar above 100% still bounds prices upwards, so it is allowed.
                percent(values, key + ".priceCollarPct", order.priceCollarPct(), false),
                positiveInt(values, key + ".maxOpenOrders", order.maxOpenOrders()),
                millis(values, key + ".duplicateWindowMs", order.duplicateWindowMs()),
                positiveInt(values, key + ".maxOrdersPerSecond", order.maxOrdersPerSecond()));
    }

    private static PositionLimits position(Values values, String key, RunConfig.PositionRisk position) {
        if (position == null) return PositionLimits.NONE;
        return new PositionLimits(
                position.maxQuantity() == null ? null : Quantity.ofRaw(values.decimal(key + ".maxQuantity", position.maxQuantity(), false)),
                money(values, key + ".maxNotional", position.maxNotional()),
                // With leverage one position may be worth more than the equity.
                percent(values, key + ".maxPctOfEquity", position.maxPctOfEquity(), false),
                positiveInt(values, key + ".maxOpenPositions", position.maxOpenPositions()),
                money(values, key + ".maxGrossExposure", position.maxGrossExposure()),
                money(values, key + ".maxNetExposure", position.maxNetExposure()),
                percent(values, key + ".maxConcentrationPct", position.maxConcentrationPct(), true),
                ratio(values, key + ".maxLeverage", position.maxLeverage()));
    }

    private static CorrelationLimits correlation(Values values, String key, RunConfig.CorrelationRisk correlation) {
        if (correlation == null) return null;
        int window = correlation.window() == null ? DEFAULT_CORRELATION_WINDOW : correlation.window();
        if (window < 3) throw values.error(key + ".window", "must be at least 3 bars, was " + window);
        double threshold = DEFAULT_CORRELATION_THRESHOLD;
        if (correlation.threshold() != null) {
            BigDecimal t = correlation.threshold();
            if (t.signum() < 0 || t.compareTo(BigDecimal.ONE) > 0) {
                throw values.error(key + ".threshold", "must be between 0 and 1, was " + t.toPlainString());
            }
            threshold = t.doubleValue();
        }
        Ratio cap = percent(values, key + ".maxCorrelatedExposurePct",
                values.required(key + ".maxCorrelatedExposurePct", correlation.maxCorrelatedExposurePct()), false);
        return new CorrelationLimits(window, threshold, cap);
    }

    private static LossLimits loss(Values values, String key, RunConfig.LossRisk loss) {
        if (loss == null) return LossLimits.NONE;
        Ratio reduceOnly = percent(values, key + ".reduceOnlyDrawdownPct", loss.reduceOnlyDrawdownPct(), true);
        Ratio halt = percent(values, key + ".haltDrawdownPct", loss.haltDrawdownPct(), true);
        if (reduceOnly != null && halt != null && reduceOnly.compareTo(halt) >= 0) {
            throw values.error(key + ".reduceOnlyDrawdownPct", loss.reduceOnlyDrawdownPct().toPlainString()
                    + " must be below haltDrawdownPct " + loss.haltDrawdownPct().toPlainString());
        }
        if (loss.maxDailyLoss() == null && loss.maxDailyLossPct() == null) {
            // Both act on a daily-loss halt only: without a daily limit they would be silently ignored.
            if (loss.flattenOnHalt() != null) throw values.error(key + ".flattenOnHalt", "has no effect without maxDailyLoss or maxDailyLossPct");
            if (loss.resumeNextDay() != null) throw values.error(key + ".resumeNextDay", "has no effect without maxDailyLoss or maxDailyLossPct");
        }
        return new LossLimits(money(values, key + ".maxDailyLoss", loss.maxDailyLoss()),
                percent(values, key + ".maxDailyLossPct", loss.maxDailyLossPct(), true),
                Boolean.TRUE.equals(loss.flattenOnHalt()), Boolean.TRUE.equals(loss.resumeNextDay()), reduceOnly, halt);
    }

    /**
     * The performance limits of one scope; for a strategy ({@code inherited} = the account's section),
     * its keys laid over the account's. {@link PerformanceLimits#NONE} when neither sets any.
     */
    private static PerformanceLimits performance(Values values, String key, RunConfig.PerformanceRisk inherited,
                                                 RunConfig.PerformanceRisk own) {
        if (own == null) return PerformanceLimits.NONE;
        RunConfig.PerformanceRisk base = inherited != null ? inherited
                : new RunConfig.PerformanceRisk(null, null, null, null, null, null, null, null, null);
        // Each value is checked under the key it was written at: the strategy's or the account's.
        String baseKey = "risk.account.performance";
        int window = pick(own.window(), base.window()) == null ? DEFAULT_PERFORMANCE_WINDOW
                : positiveInt(values, keyOf(key, baseKey, own.window(), "window"), pick(own.window(), base.window()));
        Integer minTradesValue = pick(own.minTrades(), base.minTrades());
        String minTradesKey = keyOf(key, baseKey, own.minTrades(), "minTrades");
        int minTrades = DEFAULT_MIN_TRADES;
        if (minTradesValue != null) {
            if (minTradesValue < 0) throw values.error(minTradesKey, "must be zero or positive, was " + minTradesValue);
            minTrades = minTradesValue;
        }
        if (minTrades > window) {
            boolean blameWindow = own.minTrades() == null && own.window() != null;
            throw blameWindow
                    ? values.error(key + ".window", window + " must not be below minTrades " + minTrades)
                    : values.error(minTradesKey, minTrades + " must not exceed window " + window);
        }
        BigDecimal minPnl = pick(own.minRollingPnl(), base.minRollingPnl());
        Money minRollingPnl = minPnl == null ? null : signedMoney(values, keyOf(key, baseKey, own.minRollingPnl(), "minRollingPnl"), minPnl);
        Long cooldown = pick(own.cooldownMinutes(), base.cooldownMinutes());
        return new PerformanceLimits(window, minTrades, minRollingPnl,
                money(values, keyOf(key, baseKey, own.maxRollingDrawdown(), "maxRollingDrawdown"), pick(own.maxRollingDrawdown(), base.maxRollingDrawdown())),
                positiveInt(values, keyOf(key, baseKey, own.maxConsecutiveLosses(), "maxConsecutiveLosses"), pick(own.maxConsecutiveLosses(), base.maxConsecutiveLosses())),
                percent(values, keyOf(key, baseKey, own.minWinRatePct(), "minWinRatePct"), pick(own.minWinRatePct(), base.minWinRatePct()), true),
                positiveInt(values, keyOf(key, baseKey, own.maxErrors(), "maxErrors"), pick(own.maxErrors(), base.maxErrors())),
                percent(values, keyOf(key, baseKey, own.maxRejectRatePct(), "maxRejectRatePct"), pick(own.maxRejectRatePct(), base.maxRejectRatePct()), true),
                cooldown == null ? PerformanceLimits.NONE.cooldown()
                        : Duration.ofMinutes(positiveLong(values, keyOf(key, baseKey, own.cooldownMinutes(), "cooldownMinutes"), cooldown)));
    }

    private static BreakerLimits breakers(Values values, RunConfig.Breakers breakers) {
        if (breakers == null) return BreakerLimits.NONE;
        String key = "risk.breakers";
        if (breakers.maxBrokerRejects() != null) {
            values.required(key + ".rejectWindowMs", breakers.rejectWindowMs());
            values.required(key + ".rejectPauseMs", breakers.rejectPauseMs());
        } else if (breakers.rejectWindowMs() != null || breakers.rejectPauseMs() != null) {
            throw values.error(key + (breakers.rejectWindowMs() != null ? ".rejectWindowMs" : ".rejectPauseMs"),
                    "has no effect without maxBrokerRejects");
        }
        return new BreakerLimits(millis(values, key + ".staleDataMs", breakers.staleDataMs()),
                positiveInt(values, key + ".maxBrokerRejects", breakers.maxBrokerRejects()),
                millis(values, key + ".rejectWindowMs", breakers.rejectWindowMs()),
                millis(values, key + ".rejectPauseMs", breakers.rejectPauseMs()));
    }

    /**
     * Refuses every key of a strategy's section that loosens the account's: maxima above, minima
     * below, a shorter duplicate window or cooldown. Compared as written (percent numbers), which
     * orders them exactly as the converted values.
     */
    private static void tightening(Values values, String key, RunConfig.AccountRisk account, RunConfig.StrategyRisk own) {
        RunConfig.OrderRisk ao = account.order();
        RunConfig.OrderRisk so = own.order();
        if (ao != null && so != null) {
            String k = key + ".order.";
            max(values, k + "maxQuantity", ao.maxQuantity(), so.maxQuantity());
            max(values, k + "maxNotional", ao.maxNotional(), so.maxNotional());
            max(values, k + "priceCollarPct", ao.priceCollarPct(), so.priceCollarPct());
            max(values, k + "maxOpenOrders", number(ao.maxOpenOrders()), number(so.maxOpenOrders()));
            min(values, k + "duplicateWindowMs", number(ao.duplicateWindowMs()), number(so.duplicateWindowMs()));
            max(values, k + "maxOrdersPerSecond", number(ao.maxOrdersPerSecond()), number(so.maxOrdersPerSecond()));
        }
        RunConfig.PositionRisk ap = account.position();
        RunConfig.PositionRisk sp = own.position();
        if (ap != null && sp != null) {
            String k = key + ".position.";
            max(values, k + "maxQuantity", ap.maxQuantity(), sp.maxQuantity());
            max(values, k + "maxNotional", ap.maxNotional(), sp.maxNotional());
            max(values, k + "maxPctOfEquity", ap.maxPctOfEquity(), sp.maxPctOfEquity());
            max(values, k + "maxOpenPositions", number(ap.maxOpenPositions()), number(sp.maxOpenPositions()));
            max(values, k + "maxGrossExposure", ap.maxGrossExposure(), sp.maxGrossExposure());
            max(values, k + "maxNetExposure", ap.maxNetExposure(), sp.maxNetExposure());
            max(values, k + "maxConcentrationPct", ap.maxConcentrationPct(), sp.maxConcentrationPct());
            max(values, k + "maxLeverage", ap.maxLeverage(), sp.maxLeverage());
        }
        RunConfig.LossRisk al = account.loss();
        RunConfig.LossRisk sl = own.loss();
        if (al != null && sl != null) {
            String k = key + ".loss.";
            max(values, k + "maxDailyLoss", al.maxDailyLoss(), sl.maxDailyLoss());
            max(values, k + "maxDailyLossPct", al.maxDailyLossPct(), sl.maxDailyLossPct());
            max(values, k + "reduceOnlyDrawdownPct", al.reduceOnlyDrawdownPct(), sl.reduceOnlyDrawdownPct());
            max(values, k + "haltDrawdownPct", al.haltDrawdownPct(), sl.haltDrawdownPct());
        }
        RunConfig.PerformanceRisk af = account.performance();
        RunConfig.PerformanceRisk sf = own.performance();
        if (af != null && sf != null) {
            String k = key + ".performance.";
            min(values, k + "minRollingPnl", af.minRollingPnl(), sf.minRollingPnl());
            max(values, k + "maxRollingDrawdown", af.maxRollingDrawdown(), sf.maxRollingDrawdown());
            max(values, k + "maxConsecutiveLosses", number(af.maxConsecutiveLosses()), number(sf.maxConsecutiveLosses()));
            min(values, k + "minWinRatePct", af.minWinRatePct(), sf.minWinRatePct());
            max(values, k + "maxErrors", number(af.maxErrors()), number(sf.maxErrors()));
            max(values, k + "maxRejectRatePct", af.maxRejectRatePct(), sf.maxRejectRatePct());
            min(values, k + "cooldownMinutes", number(af.cooldownMinutes()), number(sf.cooldownMinutes()));
        }
    }

    private static void max(Values values, String key, BigDecimal account, BigDecimal strategy) {
        if (account != null && strategy != null && strategy.compareTo(account) > 0) throw loosens(values, key, strategy, account);
    }

    private static void min(Values values, String key, BigDecimal account, BigDecimal strategy) {
        if (account != null && strategy != null && strategy.compareTo(account) < 0) throw loosens(values, key, strategy, account);
    }

    private static ConfigException loosens(Values values, String key, BigDecimal strategy, BigDecimal account) {
        return values.error(key, strategy.toPlainString() + " loosens the account's " + account.toPlainString());
    }

    private static BigDecimal number(Number value) {
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static <T> T pick(T own, T inherited) {
        return own != null ? own : inherited;
    }

    /** The key a merged performance value came from: the strategy's when it wrote one, else the account's. */
    private static String keyOf(String key, String baseKey, Object own, String name) {
        return (own != null ? key : baseKey) + "." + name;
    }

    private static Money money(Values values, String key, BigDecimal value) {
        return value == null ? null : Money.ofRaw(values.decimal(key, value, false));
    }

    private static Money signedMoney(Values values, String key, BigDecimal value) {
        try {
            return Money.ofRaw(FixedPoint.parse(value.toPlainString()));
        } catch (NumberFormatException e) {
            throw values.error(key, e.getMessage());
        }
    }

    /** A positive percent number as an exact ratio (5 is 0.05); at most 100 when {@code atMostHundred}. */
    private static Ratio percent(Values values, String key, BigDecimal value, boolean atMostHundred) {
        if (value == null) return null;
        if (value.signum() <= 0) throw values.error(key, "must be positive, was " + value.toPlainString());
        if (atMostHundred && value.compareTo(HUNDRED) > 0) {
            throw values.error(key, "is a percentage and must be at most 100, was " + value.toPlainString());
        }
        Ratio ratio;
        try {
            ratio = Ratio.ofPercent(value.toPlainString());
        } catch (IllegalArgumentException e) {
            throw values.error(key, "cannot be represented exactly, was " + value.toPlainString() + " (" + e.getMessage() + ")");
        }
        if (ratio.raw() == 0 || new BigDecimal(ratio.toString()).multiply(HUNDRED).compareTo(value) != 0) {
            throw values.error(key, "has more decimals than a limit can hold (6 after the point), was " + value.toPlainString());
        }
        return ratio;
    }

    /** A positive plain multiple (a leverage of 2) as a ratio. */
    private static Ratio ratio(Values values, String key, BigDecimal value) {
        return value == null ? null : new Ratio(values.decimal(key, value, false));
    }

    private static Integer positiveInt(Values values, String key, Integer value) {
        return value == null ? null : values.positiveInt(key, value);
    }

    private static long positiveLong(Values values, String key, Long value) {
        return values.positiveLong(key, value);
    }

    private static Duration millis(Values values, String key, Long value) {
        return value == null ? null : Duration.ofMillis(values.positiveLong(key, value));
    }
}
