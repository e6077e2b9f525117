package dev.ballast.engine.strategy;

import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.List;

/** A strategy to host: its id, the instance, and the symbols whose data it receives. Immutable. */
public record StrategySpec(StrategyId id, Strategy strategy, List<Symbol> symbols) {
    public StrategySpec {
        symbols = List.copyOf(symbols);
    }
}
