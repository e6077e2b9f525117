package dev.ballast.engine.strategy;

import dev.ballast.model.event.StrategyRequest;

/** Where strategies' requests go: the engine's inbound queue. Safe to call from the strategy's thread. */
@FunctionalInterface
public interface StrategyRequestSink {
    void accept(StrategyRequest request);
}
