package dev.ballast.engine.risk;

import dev.ballast.model.Money;

/**
 * Loss and drawdown limits for one scope; {@code null} is not checked. Immutable.
 *
 * @param maxDailyLoss          halt when equity falls this much below the start-of-day equity
 * @param maxDailyLossFraction  the same as a share of start-of-day equity (0.03 = 3%)
 * @param flattenOnHalt         on a daily-loss halt, also close every position at market
 * @param resumeNextDay         a daily-loss halt lifts itself when the next trading day starts
 * @param reduceOnlyDrawdown    drawdown from the equity high-water mark that puts the scope in REDUCE_ONLY
 * @param haltDrawdown          drawdown from the high-water mark that halts the scope
 */
public record LossLimits(Money maxDailyLoss, Ratio maxDailyLossFraction, boolean flattenOnHalt, boolean resumeNextDay,
                         Ratio reduceOnlyDrawdown, Ratio haltDrawdown) {
    public static final LossLimits NONE = new LossLimits(null, null, false, false, null, null);
}
