package dev.ballast.model.event;

/**
 * Stop the run: strategies get onStop, then the account's open orders are canceled or left as {@code openOrders}
 * says, and the engine thread finishes after draining what it holds.
 */
public record StopEngine(String operator, String reason, OpenOrdersOnStop openOrders, long timestamp)
        implements OperatorCommand {
    public StopEngine {
        OperatorCommand.requireOperator(operator);
        if (openOrders == null) throw new IllegalArgumentException("a stop says what happens to open orders");
    }

    /** The engine's own stop at the end of its data: open orders are left as they are. */
    public static StopEngine endOfData(String reason, long timestamp) {
        return new StopEngine(ENGINE, reason, OpenOrdersOnStop.LEAVE, timestamp);
    }

    /** Whether an operator (or a signal) stopped the run, rather than its data running out. */
    public boolean byOperator() {
        return !ENGINE.equals(operator);
    }
}
