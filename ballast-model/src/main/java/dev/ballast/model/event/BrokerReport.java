package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/**
 * What a broker says about an order, always asynchronously after the request: acknowledgements,
 * rejects, fills, cancels, replaces, expiries. The engine applies each to the order's state machine.
 */
public sealed interface BrokerReport extends Event
        permits OrderAccepted, OrderRejected, Fill, OrderCanceled, CancelRejected, OrderReplaced, ReplaceRejected,
        OrderExpired, FillCorrected, FillBusted, OrderRestated {
    ClientOrderId orderId();
}
