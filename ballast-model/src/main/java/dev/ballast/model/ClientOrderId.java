package dev.ballast.model;

/**
 * The engine's identifier of an order, unique within a run and deterministic: the strategy id and a
 * per-strategy sequence number ("sma.1-42"), so the same run assigns the same ids and a resubmission
 * is recognised. Immutable.
 */
public record ClientOrderId(String value) {
    public ClientOrderId {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("client order id must not be blank");
    }

    public static ClientOrderId of(StrategyId strategy, long sequence) {
        return new ClientOrderId(strategy.value() + "-" + sequence);
    }

    public static ClientOrderId of(String value) {
        return new ClientOrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
