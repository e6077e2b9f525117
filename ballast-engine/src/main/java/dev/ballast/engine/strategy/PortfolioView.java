package dev.ballast.engine.strategy;

import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.Collection;

/**
 * What a strategy may read of the portfolio. In a backtest it reads the live portfolio on the engine
 * thread; in real time it reads the last snapshot the engine published, from the strategy's thread.
 */
public interface PortfolioView {
    Position position(StrategyId strategyId, Symbol symbol);

    Money cash();

    Money equity();

    Price lastPrice(Symbol symbol);

    Instrument instrument(Symbol symbol);

    Collection<Symbol> symbols();
}
