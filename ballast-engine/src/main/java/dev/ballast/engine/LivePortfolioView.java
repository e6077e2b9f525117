package dev.ballast.engine;

import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.strategy.PortfolioView;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.Collection;

/** A backtest strategy's view of the portfolio: the live books, read on the engine thread. */
final class LivePortfolioView implements PortfolioView {
    private final PortfolioManager portfolio;

    LivePortfolioView(PortfolioManager portfolio) {
        this.portfolio = portfolio;
    }

    @Override
    public Position position(StrategyId strategyId, Symbol symbol) {
        return portfolio.position(strategyId, symbol);
    }

    @Override
    public Money cash() {
        return portfolio.cash();
    }

    @Override
    public Money equity() {
        return portfolio.equity();
    }

    @Override
    public Price lastPrice(Symbol symbol) {
        return portfolio.lastPrice(symbol);
    }

    @Override
    public Instrument instrument(Symbol symbol) {
        return portfolio.instrument(symbol);
    }

    @Override
    public Collection<Symbol> symbols() {
        return portfolio.symbols();
    }
}
