package dev.ballast.engine.broker.paper;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderType;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;

/**
 * The paper venue's mutable view of one live order. Prices and quantities are raw fixed point so the
 * per-bar checks compare longs and allocate nothing. Engine thread only.
 */
final class WorkingOrder {
    final ClientOrderId id;
    final Symbol symbol;
    final OrderSide side;
    final OrderType type;
    final TimeInForce timeInForce;
    final Instrument instrument;
    /** First market data timestamp this order may fill on: submit time + latency, and strictly after submit time. */
    final long eligibleAt;
    /** May only reduce the venue's position in its symbol (a bracket's exit): fills are capped at that position. */
    final boolean reduceOnly;
    /** The one-cancels-other group it belongs to, or null. */
    OcoGroup group;

    long quantity;
    long filled;
    long limit;
    long stop;
    /** A stop or stop-limit whose stop has been touched: from then on it works as a market or limit order. */
    boolean triggered;
    /** Whether market data the order could fill on has been seen (IOC/FOK get exactly one such chance). */
    boolean seenEligible;
    /** For a DAY order once its trading day is known: the first nanosecond of the next day; else MAX_VALUE. */
    long dayEnd = Long.MAX_VALUE;
    boolean done;

    WorkingOrder(Order order, Instrument instrument, long eligibleAt) {
        this.id = order.id();
        this.symbol = order.symbol();
        this.side = order.side();
        this.type = order.request().type();
        this.timeInForce = order.request().timeInForce();
        this.instrument = instrument;
        this.eligibleAt = eligibleAt;
        this.reduceOnly = order.reduceOnly();
        this.quantity = order.quantity().raw();
        this.limit = type.needsLimitPrice() ? order.request().limitPrice().raw() : 0;
        this.stop = type.needsStopPrice() ? order.request().stopPrice().raw() : 0;
    }

    long leaves() {
        return quantity - filled;
    }

    boolean isDone() {
        return done;
    }
}
