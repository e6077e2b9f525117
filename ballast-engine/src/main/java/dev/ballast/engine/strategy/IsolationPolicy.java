package dev.ballast.engine.strategy;

import java.time.Duration;

/**
 * The limits that keep one strategy from hurting the others. A strategy that breaks one is
 * quarantined. Immutable.
 *
 * <p>The callback budget is measured on the machine, so it is enforced only where time is real (a paper run
 * after any re-execution): in a backtest and in a resume's re-execution a strategy's orders must not depend on
 * the machine's load, and only the hard limit applies there, which ends the run (see {@link CallbackWatchdog}).
 *
 * @param callbackBudget          longest a single callback may run in real time (default 50 ms)
 * @param maxRequestsPerCallback  most order requests one callback may send
 * @param maxRequestsPerSecond    most order requests per second of engine time
 * @param inboxCapacity           events a real-time strategy may fall behind by before it is quarantined
 * @param callbackHardLimit       in a backtest or a re-execution, a callback running this long ends the run
 *                                (default: 20 budgets, at least 5 s)
 */
public record IsolationPolicy(Duration callbackBudget, int maxRequestsPerCallback, int maxRequestsPerSecond,
                              int inboxCapacity, Duration callbackHardLimit) {

    private static final Duration MIN_DEFAULT_HARD_LIMIT = Duration.ofSeconds(5);

    public IsolationPolicy {
        if (callbackBudget == null || callbackBudget.isNegative() || callbackBudget.isZero()) {
            throw new IllegalArgumentException("callbackBudget must be positive, was " + callbackBudget);
        }
        if (maxRequestsPerCallback < 1) throw new IllegalArgumentException("maxRequestsPerCallback must be at least 1");
        if (maxRequestsPerSecond < 1) throw new IllegalArgumentException("maxRequestsPerSecond must be at least 1");
        if (inboxCapacity < 16) throw new IllegalArgumentException("inboxCapacity must be at least 16");
        if (callbackHardLimit == null || callbackHardLimit.isNegative() || callbackHardLimit.isZero()) {
            throw new IllegalArgumentException("callbackHardLimit must be positive, was " + callbackHardLimit);
        }
    }

    /** With the default hard limit for {@code callbackBudget}. */
    public IsolationPolicy(Duration callbackBudget, int maxRequestsPerCallback, int maxRequestsPerSecond,
                           int inboxCapacity) {
        this(callbackBudget, maxRequestsPerCallback, maxRequestsPerSecond, inboxCapacity,
                defaultHardLimit(callbackBudget));
    }

    public static IsolationPolicy defaults() {
        return new IsolationPolicy(Duration.ofMillis(50), 100, 1_000, 65_536);
    }

    /** 20 budgets, at least 5 s: far above any callback that is merely slow, even on a loaded machine. */
    private static Duration defaultHardLimit(Duration budget) {
        if (budget == null) return null; // refused by the canonical constructor, with its message
        Duration twenty;
        try {
            twenty = budget.multipliedBy(20);
        } catch (ArithmeticException e) {
            return budget; // a budget this large is in effect no limit; neither is the hard limit
        }
        return twenty.compareTo(MIN_DEFAULT_HARD_LIMIT) > 0 ? twenty : MIN_DEFAULT_HARD_LIMIT;
    }
}
