package dev.ballast.engine.strategy;

/** A hosted strategy's state: running, taken out for a fault, or finished. */
public enum StrategyState {
    ACTIVE, QUARANTINED, STOPPED
}
