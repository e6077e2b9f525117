package dev.ballast.engine.broker.paper;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

/**
 * What the {@link PaperBroker} charges for one fill, in the account currency. Computed in fixed point
 * and rounded half-even once to eight decimals; never negative.
 *
 * <p>Threading: implementations are immutable values and thread-safe.
 */
public interface CommissionModel {

    /** The commission for a fill of {@code quantity} (positive) at {@code price}. */
    Money commission(Instrument instrument, OrderSide side, Quantity quantity, Price price);

    /** Free trading. */
    static CommissionModel none() {
        return new None();
    }

    /** {@code max(quantity * perUnit, minimum)} per fill: per share, per contract or per coin. */
    static CommissionModel perUnit(Money perUnit, Money minimum) {
        return new PerUnit(perUnit, minimum);
    }

    /** {@code bps} basis points of the fill's notional (quantity x price x multiplier), no minimum. */
    static CommissionModel bps(double bps) {
        return new Bps(PriceMath.bpsRaw(bps, "commission bps"), Money.ZERO);
    }

    /** {@code max(bps of notional, minimum)} per fill. */
    static CommissionModel bps(double bps, Money minimum) {
        return new Bps(PriceMath.bpsRaw(bps, "commission bps"), minimum);
    }

    /** See {@link CommissionModel#none()}. */
    record None() implements CommissionModel {
        @Override
        public Money commission(Instrument instrument, OrderSide side, Quantity quantity, Price price) {
            return Money.ZERO;
        }
    }

    /** See {@link CommissionModel#perUnit}. */
    record PerUnit(Money perUnit, Money minimum) implements CommissionModel {
        public PerUnit {
            if (perUnit == null || perUnit.isNegative()) throw new IllegalArgumentException("per-unit commission must be >= 0");
            if (minimum == null || minimum.isNegative()) throw new IllegalArgumentException("minimum commission must be >= 0");
        }

        @Override
        public Money commission(Instrument instrument, OrderSide side, Quantity quantity, Price price) {
            long fee = FixedPoint.multiply(Math.abs(quantity.raw()), perUnit.raw());
            return Money.ofRaw(Math.max(fee, minimum.raw()));
        }
    }

    /** See {@link CommissionModel#bps(double, Money)}; {@code bpsRaw} is basis points in fixed point (1 bp = 1e8). */
    record Bps(long bpsRaw, Money minimum) implements CommissionModel {
        public Bps {
            if (bpsRaw < 0) throw new IllegalArgumentException("commission bps must be >= 0");
            if (minimum == null || minimum.isNegative()) throw new IllegalArgumentException("minimum commission must be >= 0");
        }

        @Override
        public Money commission(Instrument instrument, OrderSide side, Quantity quantity, Price price) {
            Money notional = Money.notional(quantity, price, instrument.multiplier()).abs();
            long fee = FixedPoint.mulDivExact(notional.raw(), bpsRaw, PriceMath.BPS_RAW_PER_UNIT);
            return Money.ofRaw(Math.max(fee, minimum.raw()));
        }
    }
}
