package dev.ballast.engine;

import dev.ballast.model.Quantity;
import dev.ballast.engine.portfolio.PortfolioSnapshot;
import dev.ballast.engine.strategy.PortfolioView;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A real-time strategy's view of the portfolio: the last snapshot the engine published, read from
 * the strategy's own thread. It may lag the engine by the events still in flight. Thread-safe.
 */
final class SnapshotPortfolioView implements PortfolioView {
    private final Supplier<PortfolioSnapshot> snapshots;
    private final Map<Symbol, Instrument> instruments;

    SnapshotPortfolioView(Supplier<PortfolioSnapshot> snapshots, List<Instrument> instruments) {
        this.snapshots = snapshots;
        Map<Symbol, Instrument> bySymbol = new TreeMap<>();
        for (Instrument instrument : instruments) bySymbol.put(instrument.symbol(), instrument);
        this.instruments = Map.copyOf(bySymbol);
    }

    @Override
    public Position position(StrategyId strategyId, Symbol symbol) {
        PortfolioSnapshot snapshot = snapshots.get();
        Map<Symbol, Position> positions = snapshot.strategyPositions().get(strategyId);
        Position position = positions == null ? null : positions.get(symbol);
        if (position != null) return position;
        return new Position(symbol, Quantity.ZERO, Money.ZERO, null, Money.ZERO, Money.ZERO,
                snapshot.lastPrices().get(symbol));
    }

    @Override
    public Money cash() {
        return snapshots.get().cash();
    }

    @Override
    public Money equity() {
        return snapshots.get().equity();
    }

    @Override
    public Price lastPrice(Symbol symbol) {
        return snapshots.get().lastPrices().get(symbol);
    }

    @Override
    public Instrument instrument(Symbol symbol) {
        return instruments.get(symbol);
    }

    @Override
    public Collection<Symbol> symbols() {
        return List.copyOf(new TreeMap<>(instruments).keySet());
    }
}
