package dev.ballast.model;

/**
 * What a strategy asks for: an order's terms before the engine gives it an id. Prices are
 * {@code null} where the type does not use them; whether the terms are sane is the RiskManager's
 * decision, not this record's, so that a bad request becomes a denied order with a reason rather
 * than an exception in the strategy. Immutable.
 */
public record OrderRequest(Symbol symbol, OrderSide side, OrderType type, TimeInForce timeInForce,
                           Quantity quantity, Price limitPrice, Price stopPrice) {

    public static OrderRequest market(Symbol symbol, OrderSide side, Quantity quantity) {
        return new OrderRequest(symbol, side, OrderType.MARKET, TimeInForce.DAY, quantity, null, null);
    }

    public static OrderRequest limit(Symbol symbol, OrderSide side, Quantity quantity, Price limitPrice) {
        return new OrderRequest(symbol, side, OrderType.LIMIT, TimeInForce.GTC, quantity, limitPrice, null);
    }

    public static OrderRequest stop(Symbol symbol, OrderSide side, Quantity quantity, Price stopPrice) {
        return new OrderRequest(symbol, side, OrderType.STOP, TimeInForce.GTC, quantity, null, stopPrice);
    }

    public static OrderRequest stopLimit(Symbol symbol, OrderSide side, Quantity quantity, Price stopPrice, Price limitPrice) {
        return new OrderRequest(symbol, side, OrderType.STOP_LIMIT, TimeInForce.GTC, quantity, limitPrice, stopPrice);
    }

    public OrderRequest withTimeInForce(TimeInForce tif) {
        return new OrderRequest(symbol, side, type, tif, quantity, limitPrice, stopPrice);
    }

    public OrderRequest withQuantity(Quantity newQuantity) {
        return new OrderRequest(symbol, side, type, timeInForce, newQuantity, limitPrice, stopPrice);
    }

    public OrderRequest withPrices(Price newLimit, Price newStop) {
        return new OrderRequest(symbol, side, type, timeInForce, quantity, newLimit, newStop);
    }
}
