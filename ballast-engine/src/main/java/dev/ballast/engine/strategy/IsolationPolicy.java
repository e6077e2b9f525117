package dev.ballast.engine.strategy;

import java.time.Duration;

/**
 * The limits that keep one strategy from hurting the others. A strategy that breaks one is
 * quarantined. Immutable.
 *
 * @param callbackBudget          longest a single callback may run (default 50 ms)
 * @param maxRequestsPerCallback  most order requests one callback may send
 * @param maxRequestsPerSecond    most order requests per second of engine time
 * @param inboxCapacity           events a real-time strategy may fall behind by before it is quarantined
 */
public record IsolationPolicy(Duration callbackBudget, int maxRequestsPerCallback, int maxRequestsPerSecond,
                              int inboxCapacity) {

    public IsolationPolicy {
        if (callbackBudget == null || callbackBudget.isNegative() || callbackBudget.isZero()) {
            throw new IllegalArgumentException("callbackBudget must be positive, was " + callbackBudget);
        }
        if (maxRequestsPerCallback < 1) throw new IllegalArgumentException("maxRequestsPerCallback must be at least 1");
        if (maxRequestsPerSecond < 1) throw new IllegalArgumentException("maxRequestsPerSecond must be at least 1");
        if (inboxCapacity < 16) throw new IllegalArgumentException("inboxCapacity must be at least 16");
    }

    public static IsolationPolicy defaults() {
        return new IsolationPolicy(Duration.ofMillis(50), 100, 1_000, 65_536);
    }
}
