package dev.ballast.model.event;

/**
 * What the engine did, published to listeners (ExecutionMonitor, the run summary, later the audit
 * trail) on the engine thread, in the order it happened. Sealed, immutable.
 */
public sealed interface EngineEvent permits OrderUpdated, OrderDenied, FillBooked, StrategyQuarantined, AnomalyFlagged,
        RequestRefused, TradingStateChanged, OrderApproved, ExecutionAlert, BrokerReconciled, StrategyUnquarantined,
        OperatorCommandRefused, RiskActionRequested, FillCorrectionBooked, FillBustBooked {
    long timestamp();
}
