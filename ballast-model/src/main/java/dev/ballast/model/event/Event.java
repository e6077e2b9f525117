package dev.ballast.model.event;

/**
 * Everything that reaches the engine thread: market data, broker reports, strategy requests,
 * operator commands and system events. The hierarchy is sealed, so a {@code switch} over an event is checked complete
 * by the compiler. Every event is immutable and safe to pass between threads.
 */
public sealed interface Event permits MarketData, BrokerReport, StrategyRequest, OperatorCommand, SystemEvent {
    /** When the event happened, in epoch nanoseconds (engine time). */
    long timestamp();
}
