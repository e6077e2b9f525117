package dev.ballast.engine.risk;

import dev.ballast.engine.order.OrderManager;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.rules.BuyingPowerRule;
import dev.ballast.engine.risk.rules.MaxOrderNotionalRule;
import dev.ballast.engine.risk.rules.MaxPositionRule;
import dev.ballast.engine.risk.rules.OrderSanityRule;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Price;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.OrderUpdated;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RiskManager: the pre-trade gate every order passes before any broker sees it. It works out the
 * figures once ({@link OrderCheck}) and runs the rules in order: order sanity, a reference price
 * (fail closed when there is none), max order notional, max position, buying power. The first denial
 * decides and carries its reason and figures.
 *
 * <p>It also keeps the exposure that open orders reserve against buying power, released as they fill
 * or end. Owned by the engine thread; not thread-safe.
 */
public final class RiskManager {
    private final RiskLimits limits;
    private final PortfolioManager portfolio;
    private final OrderManager orders;
    private final PreTradeRule sanity = new OrderSanityRule();
    private final List<PreTradeRule> exposureRules =
            List.of(new MaxOrderNotionalRule(), new MaxPositionRule(), new BuyingPowerRule());
    private final Map<ClientOrderId, Reservation> reservations = new HashMap<>();
    private long reserved;

    public RiskManager(RiskLimits limits, PortfolioManager portfolio, OrderManager orders) {
        this.limits = limits;
        this.portfolio = portfolio;
        this.orders = orders;
    }

    /** Checks an INITIALIZED order; when allowed, reserves the exposure it adds until it fills or ends. */
    public RiskDecision check(Order order) {
        Instrument instrument = portfolio.instrument(order.symbol());
        if (instrument == null) {
            return RiskDecision.deny(RiskReason.UNKNOWN_INSTRUMENT, "symbol " + order.symbol() + " is not an instrument of this run");
        }
        long position = portfolio.accountQuantityRaw(order.symbol());
        long openSameSide = order.side().sign() * orders.openLeaves(order.symbol(), order.side());
        Price reference = referencePrice(order.request());
        long signed = order.side().sign() * (order.quantity() == null ? 0 : order.quantity().raw());
        long before = Math.abs(position + openSameSide);
        long increase = Math.max(0, Math.abs(position + openSameSide + signed) - before);
        Money equity = portfolio.equity();
        Money buyingPower = Money.ofRaw(equity.raw() - portfolio.grossExposure().raw() - reserved);
        OrderCheck check = new OrderCheck(order, instrument, reference, position, openSameSide, increase, equity,
                buyingPower, limits);

        RiskDecision decision = sanity.check(check);
        if (!decision.allowed()) return decision;
        if (reference == null) {
            return RiskDecision.deny(RiskReason.NO_REFERENCE_PRICE,
                    "no price for " + order.symbol() + " yet to value a " + order.request().type() + " order");
        }
        for (int i = 0; i < exposureRules.size(); i++) {
            decision = exposureRules.get(i).check(check);
            if (!decision.allowed()) return decision;
        }
        if (increase > 0) {
            Reservation reservation = new Reservation(increase, reference.raw(), instrument.multiplier());
            reservations.put(order.id(), reservation);
            reserved += reservation.amount(increase);
        }
        return RiskDecision.ALLOW;
    }

    /**
     * Checks a modify of a working order: the new terms must be sane, the quantity may not rise (that
     * would add exposure unchecked: cancel and send a new order instead) nor fall below what filled.
     */
    public RiskDecision checkModify(Order order, OrderRequest changed) {
        Instrument instrument = portfolio.instrument(order.symbol());
        if (changed.quantity().compareTo(order.quantity()) > 0) {
            return RiskDecision.deny(RiskReason.MODIFY_RAISES_QUANTITY,
                    "modify to " + changed.quantity() + " raises the quantity of " + order.quantity());
        }
        if (changed.quantity().compareTo(order.filledQuantity()) <= 0) {
            return RiskDecision.deny(RiskReason.MODIFY_BELOW_FILLED,
                    "modify to " + changed.quantity() + " is not above the " + order.filledQuantity() + " already filled");
        }
        Order modified = order.withRequest(changed, order.updatedAt());
        return sanity.check(new OrderCheck(modified, instrument, null, 0, 0, 0, Money.ZERO, Money.ZERO, limits));
    }

    /** Keeps reservations in step with orders: shrinks them as orders fill, drops them as orders end. */
    public void on(EngineEvent event) {
        if (!(event instanceof OrderUpdated updated)) return;
        Reservation reservation = reservations.get(updated.order().id());
        if (reservation == null) return;
        Order order = updated.order();
        long stillReserved = order.status().isOpen() ? Math.min(reservation.quantity, Math.max(0, order.leavesQuantity().raw())) : 0;
        reserved -= reservation.amount(reservation.current);
        reservation.current = stillReserved;
        reserved += reservation.amount(stillReserved);
        if (stillReserved == 0) reservations.remove(order.id());
    }

    /** Exposure currently reserved by open orders, for reports and tests. */
    public Money reservedExposure() {
        return Money.ofRaw(reserved);
    }

    public RiskLimits limits() {
        return limits;
    }

    private Price referencePrice(OrderRequest request) {
        return switch (request.type()) {
            case LIMIT, STOP_LIMIT -> request.limitPrice() != null ? request.limitPrice() : portfolio.lastPrice(request.symbol());
            case STOP -> request.stopPrice() != null ? request.stopPrice() : portfolio.lastPrice(request.symbol());
            case MARKET -> portfolio.lastPrice(request.symbol());
        };
    }

    private static final class Reservation {
        final long quantity;
        final long price;
        final long multiplier;
        long current;

        Reservation(long quantity, long price, long multiplier) {
            this.quantity = quantity;
            this.price = price;
            this.multiplier = multiplier;
            this.current = quantity;
        }

        long amount(long rawQuantity) {
            return FixedPoint.notional(rawQuantity, Math.abs(price), multiplier);
        }
    }
}
