package dev.ballast.engine.risk;

/**
 * Combines two sets of limits for one strategy (the run configuration's {@code risk.strategies.ID} and the
 * strategy document's own {@code risk} section) so that the tightest wins, field by field, and caps a
 * strategy's limits at the account's, so that no source can loosen them. Which way is tighter, per field:
 * <ul>
 *   <li>maxima (quantities, notionals, fractions, counts, rates, losses, drawdowns): the smaller;</li>
 *   <li>minima ({@code minRollingPnl}, {@code minWinRate}): the larger;</li>
 *   <li>the duplicate window and the breaker cooldown: the longer;</li>
 *   <li>{@code flattenOnHalt}: either asks for it; {@code resumeNextDay}: only if both ask for it;</li>
 *   <li>the breaker's {@code minTrades}: the smaller (it judges sooner); its {@code window}, which is no
 *       limit, is {@code first}'s.</li>
 * </ul>
 * A value one side leaves unset takes the other's; a group one side leaves out ({@code NONE}) is the other's
 * whole. Stateless.
 */
public final class LimitMerge {
    private LimitMerge() {}

    /** The tightest of {@code first} and {@code second}; either may be {@code null} (no limits of its own). */
    public static RiskLimits tightest(RiskLimits first, RiskLimits second) {
        if (first == null) return second;
        if (second == null) return first;
        return new RiskLimits(order(first.order(), second.order()), position(first.position(), second.position()),
                first.correlation() != null ? first.correlation() : second.correlation(),
                loss(first.loss(), second.loss()), performance(first.performance(), second.performance()),
                first.checkBuyingPower() || second.checkBuyingPower());
    }

    /**
     * {@code strategy}'s limits with every value looser than the account's replaced by the account's: what a
     * strategy sets can only tighten. Values the strategy leaves unset stay unset (the account's own check
     * applies them). The performance group is compared as {@link LimitTightening} does only where both set
     * it, since the strategy's replaces the account's default.
     */
    public static RiskLimits within(RiskLimits account, RiskLimits strategy) {
        OrderLimits a = account.order();
        OrderLimits s = strategy.order();
        OrderLimits order = OrderLimits.NONE.equals(s) ? s : new OrderLimits(capMax(a.maxQuantity(), s.maxQuantity()), capMax(a.maxNotional(), s.maxNotional()),
                capMax(a.priceCollar(), s.priceCollar()), capMax(a.maxOpenOrders(), s.maxOpenOrders()),
                capMin(a.duplicateWindow(), s.duplicateWindow()), capMax(a.maxOrdersPerSecond(), s.maxOrdersPerSecond()));
        PositionLimits ap = account.position();
        PositionLimits sp = strategy.position();
        PositionLimits position = PositionLimits.NONE.equals(sp) ? sp : new PositionLimits(capMax(ap.maxQuantity(), sp.maxQuantity()),
                capMax(ap.maxNotional(), sp.maxNotional()), capMax(ap.maxFractionOfEquity(), sp.maxFractionOfEquity()),
                capMax(ap.maxOpenPositions(), sp.maxOpenPositions()), capMax(ap.maxGrossExposure(), sp.maxGrossExposure()),
                capMax(ap.maxNetExposure(), sp.maxNetExposure()), capMax(ap.maxConcentration(), sp.maxConcentration()),
                capMax(ap.maxLeverage(), sp.maxLeverage()));
        LossLimits al = account.loss();
        LossLimits sl = strategy.loss();
        LossLimits loss = LossLimits.NONE.equals(sl) ? sl : new LossLimits(capMax(al.maxDailyLoss(), sl.maxDailyLoss()),
                capMax(al.maxDailyLossFraction(), sl.maxDailyLossFraction()), sl.flattenOnHalt(), sl.resumeNextDay(),
                capMax(al.reduceOnlyDrawdown(), sl.reduceOnlyDrawdown()), capMax(al.haltDrawdown(), sl.haltDrawdown()));
        PerformanceLimits af = account.performance();
        PerformanceLimits sf = strategy.performance();
        PerformanceLimits performance = PerformanceLimits.NONE.equals(sf) || PerformanceLimits.NONE.equals(af) ? sf
                : new PerformanceLimits(sf.window(), sf.minTrades(), capMin(af.minRollingPnl(), sf.minRollingPnl()),
                capMax(af.maxRollingDrawdown(), sf.maxRollingDrawdown()), capMax(af.maxConsecutiveLosses(), sf.maxConsecutiveLosses()),
                capMin(af.minWinRate(), sf.minWinRate()), capMax(af.maxErrors(), sf.maxErrors()),
                capMax(af.maxRejectRate(), sf.maxRejectRate()), capMin(af.cooldown(), sf.cooldown()));
        return new RiskLimits(order, position, strategy.correlation(), loss, performance, strategy.checkBuyingPower());
    }

    private static OrderLimits order(OrderLimits a, OrderLimits b) {
        if (OrderLimits.NONE.equals(a)) return b;
        if (OrderLimits.NONE.equals(b)) return a;
        return new OrderLimits(smaller(a.maxQuantity(), b.maxQuantity()), smaller(a.maxNotional(), b.maxNotional()),
                smaller(a.priceCollar(), b.priceCollar()), smaller(a.maxOpenOrders(), b.maxOpenOrders()),
                larger(a.duplicateWindow(), b.duplicateWindow()), smaller(a.maxOrdersPerSecond(), b.maxOrdersPerSecond()));
    }

    private static PositionLimits position(PositionLimits a, PositionLimits b) {
        if (PositionLimits.NONE.equals(a)) return b;
        if (PositionLimits.NONE.equals(b)) return a;
        return new PositionLimits(smaller(a.maxQuantity(), b.maxQuantity()), smaller(a.maxNotional(), b.maxNotional()),
                smaller(a.maxFractionOfEquity(), b.maxFractionOfEquity()), smaller(a.maxOpenPositions(), b.maxOpenPositions()),
                smaller(a.maxGrossExposure(), b.maxGrossExposure()), smaller(a.maxNetExposure(), b.maxNetExposure()),
                smaller(a.maxConcentration(), b.maxConcentration()), smaller(a.maxLeverage(), b.maxLeverage()));
    }

    private static LossLimits loss(LossLimits a, LossLimits b) {
        if (LossLimits.NONE.equals(a)) return b;
        if (LossLimits.NONE.equals(b)) return a;
        return new LossLimits(smaller(a.maxDailyLoss(), b.maxDailyLoss()), smaller(a.maxDailyLossFraction(), b.maxDailyLossFraction()),
                a.flattenOnHalt() || b.flattenOnHalt(), a.resumeNextDay() && b.resumeNextDay(),
                smaller(a.reduceOnlyDrawdown(), b.reduceOnlyDrawdown()), smaller(a.haltDrawdown(), b.haltDrawdown()));
    }

    private static PerformanceLimits performance(PerformanceLimits a, PerformanceLimits b) {
        if (PerformanceLimits.NONE.equals(a)) return b;
        if (PerformanceLimits.NONE.equals(b)) return a;
        return new PerformanceLimits(a.window(), Math.min(a.minTrades(), b.minTrades()),
                larger(a.minRollingPnl(), b.minRollingPnl()), smaller(a.maxRollingDrawdown(), b.maxRollingDrawdown()),
                smaller(a.maxConsecutiveLosses(), b.maxConsecutiveLosses()), larger(a.minWinRate(), b.minWinRate()),
                smaller(a.maxErrors(), b.maxErrors()), smaller(a.maxRejectRate(), b.maxRejectRate()),
                larger(a.cooldown(), b.cooldown()));
    }

    /** The smaller of two maxima; an unset one takes the other. */
    private static <T extends Comparable<? super T>> T smaller(T a, T b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.compareTo(a) < 0 ? b : a;
    }

    /** The larger of two minima (or windows, cooldowns); an unset one takes the other. */
    private static <T extends Comparable<? super T>> T larger(T a, T b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.compareTo(a) > 0 ? b : a;
    }

    /** A strategy's maximum, capped at the account's; unset stays unset. */
    private static <T extends Comparable<? super T>> T capMax(T account, T strategy) {
        return strategy == null ? null : smaller(account, strategy);
    }

    /** A strategy's minimum (or window, cooldown), raised to the account's; unset stays unset. */
    private static <T extends Comparable<? super T>> T capMin(T account, T strategy) {
        return strategy == null ? null : larger(account, strategy);
    }
}
