package dev.ballast.engine.risk;

import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.event.RiskActionRequested;

/**
 * What a halt, a reduce-only or a flatten asks of the order path, as events: cancel the scope's open orders, close
 * its positions. The order path listens; the risk side does not know it, so the two are wired one way. The bus
 * delivers a request after the state change that caused it has reached every listener.
 *
 * <p>Engine thread only.
 */
public final class RiskActions {
    private final Clock clock;
    private final EngineEventBus events;

    public RiskActions(Clock clock, EngineEventBus events) {
        this.clock = clock;
        this.events = events;
    }

    /** Asks to cancel every open order of the scope. */
    public void cancelOpenOrders(RiskScope scope, String reason) {
        events.publish(new RiskActionRequested(scope.strategyId(), RiskActionRequested.Action.CANCEL_OPEN_ORDERS, reason,
                clock.nanos()));
    }

    /** Asks to close every position of the scope at market. */
    public void flatten(RiskScope scope, String reason) {
        events.publish(new RiskActionRequested(scope.strategyId(), RiskActionRequested.Action.FLATTEN, reason, clock.nanos()));
    }
}
