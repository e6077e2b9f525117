package dev.ballast.engine.risk;

import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.Price;

/**
 * An order under check with the figures the rules need, worked out once by the RiskManager.
 * Quantities are raw fixed-point; signed quantities are positive for long.
 *
 * @param referencePrice   the price the order's notional is valued at (limit, stop or last), or {@code null}
 * @param position         the account's current net position in the symbol
 * @param openSameSide     the open orders' unfilled quantity on the order's side (signed like the order)
 * @param exposureIncrease how much the order raises the absolute position, counting open orders as
 *                         filled (0 for an order that only reduces)
 * @param buyingPower      equity - gross exposure - exposure reserved by open orders
 */
public record OrderCheck(Order order, Instrument instrument, Price referencePrice, long position, long openSameSide,
                         long exposureIncrease, Money equity, Money buyingPower, RiskLimits limits) {

    /** The signed quantity of the order (positive buys). */
    public long signedQuantity() {
        return order.side().sign() * order.quantity().raw();
    }

    /** The absolute position if this order and every open order on its side filled. */
    public long worstCasePosition() {
        return Math.abs(position + openSameSide + signedQuantity());
    }

    public boolean onlyReduces() {
        return exposureIncrease == 0;
    }

    /** Notional of {@code rawQuantity} at the reference price (which the caller checked is there). */
    public Money notionalOf(long rawQuantity) {
        return Money.notional(dev.ballast.model.Quantity.ofRaw(rawQuantity), referencePrice, instrument.multiplier());
    }
}
