package dev.ballast.model;

/**
 * An order as the OrderManager knows it at one moment: its terms, state and fill progress. Each
 * change produces a new value, so an {@code Order} can be handed to other threads and listeners as
 * is. {@code averageFillPrice} is {@code null} until the first fill.
 *
 * @param parent the bracket entry this order exits, or {@code null}
 */
public record Order(ClientOrderId id, StrategyId strategyId, OrderRequest request, OrderStatus status,
                    Quantity filledQuantity, Money filledNotional, Price averageFillPrice,
                    long createdAt, long updatedAt, BracketRole bracketRole, ClientOrderId parent) {

    public static Order initialized(ClientOrderId id, StrategyId strategyId, OrderRequest request, long now,
                                    BracketRole role, ClientOrderId parent) {
        return new Order(id, strategyId, request, OrderStatus.INITIALIZED, Quantity.ZERO, Money.ZERO, null,
                now, now, role, parent);
    }

    /**
     * Whether the order may only reduce a position, never open, enlarge or flip one: a bracket's exit. The engine's
     * risk check and the venue both hold it to that (a venue's "reduce-only" instruction).
     */
    public boolean reduceOnly() {
        return bracketRole != null && bracketRole.isExit();
    }

    /**
     * The one-cancels-other group of a bracket's exit: its entry's id, which both exits carry (as a venue's OCO or
     * order-list id); {@code null} for any other order. Together the orders of a group fill at most what one of
     * them is for: once that is filled, the others are canceled.
     */
    public ClientOrderId ocoGroup() {
        return reduceOnly() ? parent : null;
    }

    public Symbol symbol() {
        return request.symbol();
    }

    public OrderSide side() {
        return request.side();
    }

    public Quantity quantity() {
        return request.quantity();
    }

    public Quantity leavesQuantity() {
        return request.quantity().minus(filledQuantity);
    }

    public Order withStatus(OrderStatus next, long now) {
        return new Order(id, strategyId, request, next, filledQuantity, filledNotional, averageFillPrice,
                createdAt, now, bracketRole, parent);
    }

    public Order withRequest(OrderRequest next, long now) {
        return new Order(id, strategyId, next, status, filledQuantity, filledNotional, averageFillPrice,
                createdAt, now, bracketRole, parent);
    }

    /** This order after a fill of {@code quantity} at {@code price}; the status is set by the caller. */
    public Order withFill(Quantity quantity, Price price, long now) {
        Quantity filled = filledQuantity.plus(quantity);
        Money notional = filledNotional.plus(Money.notional(quantity, price, 1));
        Price average = Price.ofRaw(FixedPoint.divide(notional.raw(), filled.raw()));
        return new Order(id, strategyId, request, status, filled, notional, average, createdAt, now, bracketRole, parent);
    }

    /**
     * This order after the venue busted ({@code replacement} null) or corrected ({@code replacement}) an earlier fill
     * of {@code quantity} at {@code price}: the filled quantity and notional move by the difference, exactly as if
     * only the surviving fills had been applied. The status is kept (a venue does not re-work an order for a bust);
     * an open order's quantity moves with its filled quantity, so its leaves stay what the venue last said.
     */
    public Order withFillRestated(Quantity quantity, Price price, Quantity newQuantity, Price newPrice, long now) {
        Quantity filled = filledQuantity.minus(quantity);
        Money notional = filledNotional.minus(Money.notional(quantity, price, 1));
        if (newQuantity != null) {
            filled = filled.plus(newQuantity);
            notional = notional.plus(Money.notional(newQuantity, newPrice, 1));
        }
        Price average = filled.isPositive() ? Price.ofRaw(FixedPoint.divide(notional.raw(), filled.raw())) : null;
        OrderRequest terms = request;
        if (status.isOpen()) {
            Quantity delta = filled.minus(filledQuantity);
            terms = request.withQuantity(request.quantity().plus(delta));
        }
        return new Order(id, strategyId, terms, status, filled, notional, average, createdAt, now, bracketRole, parent);
    }
}
