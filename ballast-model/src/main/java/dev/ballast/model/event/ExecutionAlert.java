package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

/**
 * An order completed with execution quality outside its configured band: slippage beyond the maximum
 * absolute basis points, or a time to fill beyond the maximum. Raised by the ExecutionMonitor when the
 * order reaches a terminal status. Immutable.
 *
 * @param value the measured figure (basis points for {@link Kind#SLIPPAGE}, milliseconds of engine time for
 *              {@link Kind#TIME_TO_FILL})
 * @param limit the band's edge it went beyond, in the same unit
 */
public record ExecutionAlert(Kind kind, ClientOrderId orderId, StrategyId strategyId, Symbol symbol, double value,
                             double limit, String detail, long timestamp) implements EngineEvent {
    /** Which band the order left. */
    public enum Kind {
        SLIPPAGE, TIME_TO_FILL
    }
}
