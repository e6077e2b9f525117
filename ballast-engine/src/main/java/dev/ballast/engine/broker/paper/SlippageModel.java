package dev.ballast.engine.broker.paper;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * How much worse than the reference price a marketable (market or triggered stop) fill executes in
 * the {@link PaperBroker}. Limit fills never go through a slippage model: they fill at their limit or
 * better. Every model except {@link #none()} rounds the slipped price to the instrument tick in the
 * adverse direction (up for buys, down for sells). All booked arithmetic is fixed point; basis-point
 * parameters given as {@code double} are converted once, to eight decimals, at construction.
 *
 * <p>Threading: implementations are immutable values; {@link #apply} is called on the engine thread
 * only, with the broker's seeded random (which is not thread-safe).
 */
public interface SlippageModel {

    /**
     * The execution price of a fill.
     *
     * @param reference the price the fill would get without slippage (bar open, stop, quote side...)
     * @param quantity  the quantity of this fill
     * @param volume    the volume of the market data being filled against, or {@code null} when unknown
     * @param random    the broker's seeded generator; models that draw from it stay deterministic per seed
     */
    Price apply(Instrument instrument, OrderSide side, Price reference, Quantity quantity, Quantity volume,
                SplittableRandom random);

    /** No slippage: fills at the reference price. */
    static SlippageModel none() {
        return new None();
    }

    /** A fixed cost: buys pay {@code price * (1 + bps/1e4)}, sells receive {@code price * (1 - bps/1e4)}, tick-rounded adversely. */
    static SlippageModel fixedBps(double bps) {
        return new FixedBps(PriceMath.bpsRaw(bps, "slippage bps"));
    }

    /**
     * Market impact growing with participation {@code p = fillQty / volume}:
     * {@code bps = baseBps + impactBps * p} ({@link Shape#LINEAR}) or {@code baseBps + impactBps * sqrt(p)}
     * ({@link Shape#SQUARE_ROOT}). With no volume information ({@code null} or zero) only {@code baseBps} applies.
     */
    static SlippageModel volumeImpact(double baseBps, double impactBps, Shape shape) {
        return new VolumeImpact(PriceMath.bpsRaw(baseBps, "base bps"), PriceMath.bpsRaw(impactBps, "impact bps"), shape);
    }

    /** A random cost, uniform in {@code [0, maxBps]} per fill, drawn from the broker's seeded generator. */
    static SlippageModel randomBps(double maxBps) {
        return new RandomBps(PriceMath.bpsRaw(maxBps, "max bps"));
    }

    /** How {@link VolumeImpact} grows with participation. */
    enum Shape { LINEAR, SQUARE_ROOT }

    /** See {@link SlippageModel#none()}. */
    record None() implements SlippageModel {
        @Override
        public Price apply(Instrument instrument, OrderSide side, Price reference, Quantity quantity, Quantity volume,
                           SplittableRandom random) {
            return reference;
        }
    }

    /** See {@link SlippageModel#fixedBps(double)}; {@code bpsRaw} is basis points in fixed point (1 bp = 1e8). */
    record FixedBps(long bpsRaw) implements SlippageModel {
        public FixedBps {
            if (bpsRaw < 0) throw new IllegalArgumentException("slippage bps must be >= 0");
        }

        @Override
        public Price apply(Instrument instrument, OrderSide side, Price reference, Quantity quantity, Quantity volume,
                           SplittableRandom random) {
            return Price.ofRaw(PriceMath.slipAdverse(side, reference.raw(), bpsRaw, instrument.tickSize().raw()));
        }
    }

    /** See {@link SlippageModel#volumeImpact}; basis points in fixed point (1 bp = 1e8). */
    record VolumeImpact(long baseBpsRaw, long impactBpsRaw, Shape shape) implements SlippageModel {
        public VolumeImpact {
            if (baseBpsRaw < 0 || impactBpsRaw < 0) throw new IllegalArgumentException("slippage bps must be >= 0");
            if (shape == null) throw new IllegalArgumentException("shape is required");
        }

        @Override
        public Price apply(Instrument instrument, OrderSide side, Price reference, Quantity quantity, Quantity volume,
                           SplittableRandom random) {
            long bps = baseBpsRaw;
            if (volume != null && volume.raw() > 0 && impactBpsRaw > 0) {
                long participation = FixedPoint.divide(quantity.raw(), volume.raw());
                long factor = shape == Shape.LINEAR ? participation : sqrt(participation);
                bps = Math.addExact(bps, FixedPoint.multiply(impactBpsRaw, factor));
            }
            return Price.ofRaw(PriceMath.slipAdverse(side, reference.raw(), bps, instrument.tickSize().raw()));
        }

        // BigDecimal's sqrt is exactly specified, so the result is the same on every JVM, unlike a double detour.
        private static long sqrt(long raw) {
            return BigDecimal.valueOf(raw, FixedPoint.DECIMALS).sqrt(MathContext.DECIMAL64)
                    .setScale(FixedPoint.DECIMALS, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        }
    }

    /** See {@link SlippageModel#randomBps(double)}; {@code maxBpsRaw} is basis points in fixed point. */
    record RandomBps(long maxBpsRaw) implements SlippageModel {
        public RandomBps {
            if (maxBpsRaw < 0) throw new IllegalArgumentException("slippage bps must be >= 0");
        }

        @Override
        public Price apply(Instrument instrument, OrderSide side, Price reference, Quantity quantity, Quantity volume,
                           SplittableRandom random) {
            long bps = maxBpsRaw == 0 ? 0 : random.nextLong(maxBpsRaw + 1);
            return Price.ofRaw(PriceMath.slipAdverse(side, reference.raw(), bps, instrument.tickSize().raw()));
        }
    }
}
