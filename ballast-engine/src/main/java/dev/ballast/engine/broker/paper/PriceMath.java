package dev.ballast.engine.broker.paper;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.OrderSide;

import java.math.BigInteger;

/**
 * Exact fixed-point helpers for the paper broker's cost models: basis-point adjustments and rounding
 * to a tick or lot. Only used on the fill path, so the occasional {@link BigInteger} is acceptable.
 * Stateless and thread-safe.
 */
final class PriceMath {
    /** A basis-point figure in raw units (1e-8 bp) turns into a fraction by dividing by this: 1e4 * 1e8. */
    static final long BPS_RAW_PER_UNIT = 10_000L * FixedPoint.SCALE;
    private static final BigInteger BPS_DIVISOR = BigInteger.valueOf(BPS_RAW_PER_UNIT);

    private PriceMath() {}

    /** A basis-point figure given as a decimal (2.5 = 2.5 bp) in raw units; converted once, at configuration. */
    static long bpsRaw(double bps, String what) {
        if (!Double.isFinite(bps) || bps < 0) throw new IllegalArgumentException(what + " must be a finite number >= 0: " + bps);
        return FixedPoint.fromDouble(bps);
    }

    /**
     * {@code ceil(|price| * bps)} in raw price units. Rounded up so that a slipped price is never
     * better than the exact one, whatever tick rounding follows.
     */
    static long bpsOfPriceCeil(long priceRaw, long bpsRaw) {
        if (bpsRaw == 0 || priceRaw == 0) return 0;
        BigInteger product = BigInteger.valueOf(priceRaw).abs().multiply(BigInteger.valueOf(bpsRaw));
        BigInteger[] qr = product.divideAndRemainder(BPS_DIVISOR);
        BigInteger q = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return q.longValueExact();
    }

    /**
     * {@code price} made worse for the taker by {@code bpsRaw} basis points, then rounded to the tick in
     * the adverse direction (up for a buy, down for a sell), as a venue only prints on ticks.
     */
    static long slipAdverse(OrderSide side, long priceRaw, long bpsRaw, long tickRaw) {
        long delta = bpsOfPriceCeil(priceRaw, bpsRaw);
        if (side == OrderSide.BUY) return ceilToMultiple(Math.addExact(priceRaw, delta), tickRaw);
        return floorToMultiple(Math.subtractExact(priceRaw, delta), tickRaw);
    }

    static long floorToMultiple(long value, long step) {
        return value - Math.floorMod(value, step);
    }

    static long ceilToMultiple(long value, long step) {
        long rem = Math.floorMod(value, step);
        return rem == 0 ? value : Math.addExact(value - rem, step);
    }
}
