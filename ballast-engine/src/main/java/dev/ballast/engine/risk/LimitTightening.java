package dev.ballast.engine.risk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a strategy's limits only tighten the account's: every maximum at most the account's,
 * every minimum at least the account's, where the account sets it. A strategy may set a limit the
 * account leaves unset (that tightens). Stateless.
 *
 * <p>What counts as loosening:
 * <ul>
 *   <li>order, position, loss and correlation maxima above the account's (and a correlation
 *       threshold above the account's, which counts fewer symbols as correlated);</li>
 *   <li>a duplicate window shorter than the account's; buying power not checked where the account
 *       checks it;</li>
 *   <li>performance (circuit breaker) maxima above, minima ({@code minRollingPnl}, {@code minWinRate})
 *       below the account's, and a shorter cooldown. A strategy's own performance limits replace the
 *       account's default for it ({@link RiskConfig#performance}), so a threshold the account sets and
 *       the strategy's own performance limits leave unset loosens too.</li>
 * </ul>
 */
public final class LimitTightening {
    private LimitTightening() {}

    /**
     * The limits of {@code strategy} that loosen {@code account}'s, each as
     * "group.key value loosens the account's value"; empty when there are none.
     */
    public static List<String> loosenings(RiskLimits account, RiskLimits strategy) {
        List<String> problems = new ArrayList<>();
        // checkBuyingPower is not compared: buying power is the account's and is checked at account scope only.

        OrderLimits ao = account.order();
        OrderLimits so = strategy.order();
        max(problems, "order.maxQuantity", ao.maxQuantity(), so.maxQuantity());
        max(problems, "order.maxNotional", ao.maxNotional(), so.maxNotional());
        max(problems, "order.priceCollar", ao.priceCollar(), so.priceCollar());
        max(problems, "order.maxOpenOrders", ao.maxOpenOrders(), so.maxOpenOrders());
        min(problems, "order.duplicateWindow", ao.duplicateWindow(), so.duplicateWindow());
        max(problems, "order.maxOrdersPerSecond", ao.maxOrdersPerSecond(), so.maxOrdersPerSecond());

        PositionLimits ap = account.position();
        PositionLimits sp = strategy.position();
        max(problems, "position.maxQuantity", ap.maxQuantity(), sp.maxQuantity());
        max(problems, "position.maxNotional", ap.maxNotional(), sp.maxNotional());
        max(problems, "position.maxFractionOfEquity", ap.maxFractionOfEquity(), sp.maxFractionOfEquity());
        max(problems, "position.maxOpenPositions", ap.maxOpenPositions(), sp.maxOpenPositions());
        max(problems, "position.maxGrossExposure", ap.maxGrossExposure(), sp.maxGrossExposure());
        max(problems, "position.maxNetExposure", ap.maxNetExposure(), sp.maxNetExposure());
        max(problems, "position.maxConcentration", ap.maxConcentration(), sp.maxConcentration());
        max(problems, "position.maxLeverage", ap.maxLeverage(), sp.maxLeverage());

        CorrelationLimits ac = account.correlation();
        CorrelationLimits sc = strategy.correlation();
        if (ac != null && sc != null) {
            max(problems, "correlation.maxCorrelatedExposure", ac.maxCorrelatedExposure(), sc.maxCorrelatedExposure());
            max(problems, "correlation.threshold", ac.threshold(), sc.threshold());
        }

        LossLimits al = account.loss();
        LossLimits sl = strategy.loss();
        max(problems, "loss.maxDailyLoss", al.maxDailyLoss(), sl.maxDailyLoss());
        max(problems, "loss.maxDailyLossFraction", al.maxDailyLossFraction(), sl.maxDailyLossFraction());
        max(problems, "loss.reduceOnlyDrawdown", al.reduceOnlyDrawdown(), sl.reduceOnlyDrawdown());
        max(problems, "loss.haltDrawdown", al.haltDrawdown(), sl.haltDrawdown());

        PerformanceLimits af = account.performance();
        PerformanceLimits sf = strategy.performance();
        if (sf != PerformanceLimits.NONE && af != PerformanceLimits.NONE) {
            // The strategy's own performance limits replace the account's for it: unset is loosening here.
            replacingMin(problems, "performance.minRollingPnl", af.minRollingPnl(), sf.minRollingPnl());
            replacingMax(problems, "performance.maxRollingDrawdown", af.maxRollingDrawdown(), sf.maxRollingDrawdown());
            replacingMax(problems, "performance.maxConsecutiveLosses", af.maxConsecutiveLosses(), sf.maxConsecutiveLosses());
            replacingMin(problems, "performance.minWinRate", af.minWinRate(), sf.minWinRate());
            replacingMax(problems, "performance.maxErrors", af.maxErrors(), sf.maxErrors());
            replacingMax(problems, "performance.maxRejectRate", af.maxRejectRate(), sf.maxRejectRate());
            min(problems, "performance.cooldown", af.cooldown(), sf.cooldown());
        }
        return problems;
    }

    /** A maximum: the strategy's must not exceed the account's; either unset is fine. */
    private static <T extends Comparable<? super T>> void max(List<String> problems, String key, T account, T strategy) {
        if (account != null && strategy != null && strategy.compareTo(account) > 0) problems.add(message(key, strategy, account));
    }

    /** A minimum (or a window, a cooldown): the strategy's must not be below the account's; either unset is fine. */
    private static <T extends Comparable<? super T>> void min(List<String> problems, String key, T account, T strategy) {
        if (account != null && strategy != null && strategy.compareTo(account) < 0) problems.add(message(key, strategy, account));
    }

    private static <T extends Comparable<? super T>> void replacingMax(List<String> problems, String key, T account, T strategy) {
        if (account != null && strategy == null) problems.add(message(key, null, account));
        else max(problems, key, account, strategy);
    }

    private static <T extends Comparable<? super T>> void replacingMin(List<String> problems, String key, T account, T strategy) {
        if (account != null && strategy == null) problems.add(message(key, null, account));
        else min(problems, key, account, strategy);
    }

    private static String message(String key, Object strategy, Object account) {
        return key + " " + (strategy == null ? "unset" : format(strategy)) + " loosens the account's " + format(account);
    }

    private static String format(Object value) {
        if (value instanceof Duration duration) {
            long millis = duration.toMillis();
            if (millis % 60_000 == 0 && millis != 0) return millis / 60_000 + "min";
            if (millis % 1_000 == 0 && millis != 0) return millis / 1_000 + "s";
            return millis + "ms";
        }
        return String.valueOf(value);
    }
}
