package dev.ballast.engine.risk;

import java.time.Duration;

/**
 * Engine circuit breakers; {@code null} is not checked. Immutable.
 *
 * @param staleData          orders on a symbol with no market data for this long are denied
 * @param maxBrokerRejects   this many broker rejects of one strategy's orders within {@code rejectWindow}
 *                           pause the strategy for {@code rejectPause}
 */
public record BreakerLimits(Duration staleData, Integer maxBrokerRejects, Duration rejectWindow, Duration rejectPause) {
    public static final BreakerLimits NONE = new BreakerLimits(null, null, null, null);
}
