package dev.ballast.engine.strategy.lang;

import dev.ballast.engine.strategy.lang.StrategyDocument.ExitRules;
import dev.ballast.engine.strategy.lang.StrategyDocument.Sizing;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The size of a new position, per a document's {@code sizing}: always a whole number of the
 * instrument's lots, rounded down (never more than the rule allows), and zero when the rule gives
 * less than one lot or cannot be applied (no price, no volatility yet), or when the size or its value would
 * overflow the fixed point (which {@link #sizeOrOverflow} tells apart). Percentages are in percent
 * ({@code 10} is 10%). The price is the signal bar's close. Runs once per entry, not per bar.
 *
 * <ul>
 *   <li>{@code fixed}: {@code quantity}, rounded down to lots.</li>
 *   <li>{@code percentOfEquity}: floor(equity x percent / 100 / (price x multiplier)) lots, exactly in
 *       decimal (equity, price and quantity are fixed-point; nothing goes through a double).</li>
 *   <li>{@code volatilityTarget}: the position value V with V x sigma = equity x targetVolatilityPct / 100,
 *       sigma the annualized volatility: the sample standard deviation of simple close-to-close returns
 *       over the last {@code volatilityLookback} bars times sqrt(bars per year) (see
 *       {@link #barsPerYear}); quantity = floor(V / (price x multiplier)) lots. Sigma is an analytic
 *       double; the division that turns it into lots is floored like the others.</li>
 *   <li>{@code fixedRisk}: the quantity whose loss at the stop is riskPercent of equity:
 *       floor(equity x riskPercent / (price x stopLossPct x multiplier)) lots.</li>
 * </ul>
 */
public final class PositionSizing {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext MC = MathContext.DECIMAL128;
    /** The largest quantity or amount the fixed point holds. */
    private static final BigDecimal LARGEST = FixedPoint.toBigDecimal(Long.MAX_VALUE);

    private PositionSizing() {}

    /**
     * Bars per year for annualizing a per-bar volatility, from the document's timeframe: 252 trading
     * days; intraday bars over a 6.5-hour session (390 minutes), so 1h is 252 x 6.5 = 1638 and 1m is
     * 252 x 390 = 98280; "1w" is 52. Unknown timeframes count as daily.
     */
    public static double barsPerYear(String timeframe) {
        if (timeframe == null || timeframe.length() < 2) return 252;
        char unit = timeframe.charAt(timeframe.length() - 1);
        int n;
        try {
            n = Integer.parseInt(timeframe.substring(0, timeframe.length() - 1));
        } catch (NumberFormatException e) {
            return 252;
        }
        if (n <= 0) return 252;
        return switch (unit) {
            case 'm' -> 252.0 * 390 / n;
            case 'h' -> 252.0 * 6.5 / n;
            case 'd' -> 252.0 / n;
            case 'w' -> 52.0 / n;
            default -> 252;
        };
    }

    /**
     * The size, or zero when it cannot be applied or overflows (see {@link #sizeOrOverflow}).
     *
     * @param perBarVolatility the sample standard deviation of per-bar returns (only for volatilityTarget; NaN if unknown)
     */
    public static Quantity size(Sizing sizing, ExitRules exits, String timeframe, Instrument instrument, Money equity,
                                Price price, double perBarVolatility) {
        return sizeOrOverflow(sizing, exits, timeframe, instrument, equity, price, perBarVolatility).quantity();
    }

    /**
     * What sizing gave: a quantity (zero when the rule gives less than a lot or cannot be applied), or,
     * when the size or its value at {@code price} is beyond what the fixed point holds, zero and why.
     *
     * @param overflow {@code null}, or what overflowed, for the strategy's warning
     */
    public record Sized(Quantity quantity, String overflow) {
        static final Sized NONE = new Sized(Quantity.ZERO, null);
    }

    /** As {@link #size}, telling an overflow apart from a size of zero, so the strategy can warn about it. */
    public static Sized sizeOrOverflow(Sizing sizing, ExitRules exits, String timeframe, Instrument instrument, Money equity,
                                       Price price, double perBarVolatility) {
        if (sizing == null || price == null || !price.isPositive()) return Sized.NONE;
        BigDecimal lot = FixedPoint.toBigDecimal(instrument.lotSize().raw());
        BigDecimal px = FixedPoint.toBigDecimal(price.raw()).multiply(BigDecimal.valueOf(instrument.multiplier()));
        BigDecimal eq = FixedPoint.toBigDecimal(equity.raw());
        BigDecimal units; // quantity before lot rounding
        switch (sizing.mode()) {
            case "fixed" -> {
                if (sizing.quantity() == null) return Sized.NONE;
                units = sizing.quantity();
            }
            case "percentOfEquity" -> {
                if (sizing.percent() == null) return Sized.NONE;
                units = eq.multiply(sizing.percent()).divide(HUNDRED.multiply(px), MC);
            }
            case "fixedRisk" -> {
                if (sizing.riskPercent() == null || exits == null || exits.stopLossPct() == null || exits.stopLossPct().signum() <= 0) {
                    return Sized.NONE;
                }
                units = eq.multiply(sizing.riskPercent()).divide(px.multiply(exits.stopLossPct()), MC);
            }
            case "volatilityTarget" -> {
                if (sizing.targetVolatilityPct() == null) return Sized.NONE;
                double annual = perBarVolatility * Math.sqrt(barsPerYear(timeframe));
                if (!(annual > 0) || Double.isInfinite(annual)) return Sized.NONE;
                units = eq.multiply(sizing.targetVolatilityPct()).divide(HUNDRED.multiply(px), MC)
                        .divide(BigDecimal.valueOf(annual), MC);
            }
            default -> {
                return Sized.NONE;
            }
        }
        if (units.signum() <= 0) return Sized.NONE;
        BigDecimal lots = units.divide(lot, 0, RoundingMode.FLOOR);
        BigDecimal quantity = lots.multiply(lot);
        if (quantity.signum() <= 0) return Sized.NONE;
        // Beyond what the fixed point holds, as a quantity or as the position's value: refuse rather than wrap,
        // and say so (a size of zero alone would look like "less than one lot").
        if (quantity.compareTo(LARGEST) > 0) {
            return new Sized(Quantity.ZERO, "size " + quantity.toPlainString() + " is beyond the largest quantity " + LARGEST.toPlainString());
        }
        BigDecimal value = quantity.multiply(px);
        if (value.compareTo(LARGEST) > 0) {
            return new Sized(Quantity.ZERO, "size " + quantity.toPlainString() + " at " + price + " is worth " + value.toBigInteger()
                    + ", beyond the largest amount " + LARGEST.toPlainString());
        }
        return new Sized(Quantity.ofRaw(quantity.movePointRight(FixedPoint.DECIMALS).longValueExact()), null);
    }

    /**
     * A price {@code pct} percent away from {@code reference} ({@code up} above, else below), rounded
     * outward to the instrument's tick (up when above, down when below), at least one tick.
     */
    public static Price offset(Price reference, BigDecimal pct, boolean up, Price tick) {
        BigDecimal ref = FixedPoint.toBigDecimal(reference.raw());
        BigDecimal factor = BigDecimal.ONE.add(up ? pct.divide(HUNDRED, MC) : pct.negate().divide(HUNDRED, MC));
        return roundToTick(ref.multiply(factor), up, tick);
    }

    /** {@code value} rounded to the tick, {@code up} or down, at least one tick. */
    public static Price roundToTick(BigDecimal value, boolean up, Price tick) {
        BigDecimal t = FixedPoint.toBigDecimal(tick.raw());
        BigDecimal ticks = value.divide(t, 0, up ? RoundingMode.CEILING : RoundingMode.FLOOR);
        if (ticks.signum() <= 0) ticks = BigDecimal.ONE;
        return Price.ofRaw(ticks.multiply(t).movePointRight(FixedPoint.DECIMALS).longValueExact());
    }

    /** A double price (close x factor) rounded to the tick, {@code up} or down; for the trailing stop. */
    public static Price roundToTick(double value, boolean up, Price tick) {
        if (!(value > 0) || Double.isInfinite(value)) return null;
        return roundToTick(new BigDecimal(value), up, tick);
    }
}
