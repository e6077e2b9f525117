package dev.ballast.engine.monitor.analytics;

import dev.ballast.engine.monitor.ExecutionMonitor;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the books at each equity point of the run (hook it in with
 * {@link ExecutionMonitor#setEquityObserver}): each strategy's equity, defined as the account's initial
 * cash plus the strategy's net P&L (realized + unrealized - fees), and an equal-weight buy-and-hold of the
 * run's instruments: the initial cash split equally between N symbols, each share bought at the symbol's
 * first price (its first mark, a bar's close) and held; a symbol not yet priced is held as cash. The
 * account's own curve stays in {@link dev.ballast.engine.monitor.EquityCurve}. Engine thread only.
 */
public final class RunSampler implements ExecutionMonitor.EquityObserver {
    private final PortfolioManager portfolio;
    private final double initialCash;
    private final Map<StrategyId, Series> strategies = new LinkedHashMap<>();
    private final List<Symbol> symbols;
    private final double[] units;
    private final Series buyAndHold = new Series();

    public RunSampler(PortfolioManager portfolio) {
        this.portfolio = portfolio;
        this.initialCash = portfolio.initialCash().toDouble();
        for (StrategyId id : portfolio.strategyIds()) {
            if (!id.equals(PortfolioManager.UNATTRIBUTED)) strategies.put(id, new Series());
        }
        this.symbols = List.copyOf(portfolio.symbols());
        this.units = new double[symbols.size()];
    }

    @Override
    public void onEquity(long time, long equityRaw) {
        for (Map.Entry<StrategyId, Series> entry : strategies.entrySet()) {
            Money net = portfolio.strategyPnl(entry.getKey()).net();
            entry.getValue().record(time, initialCash + net.toDouble());
        }
        if (symbols.isEmpty()) return;
        double share = initialCash / symbols.size();
        double value = 0;
        for (int i = 0; i < symbols.size(); i++) {
            Price price = portfolio.lastPrice(symbols.get(i));
            if (units[i] == 0 && price != null && price.isPositive()) units[i] = share / price.toDouble();
            value += units[i] == 0 ? share : units[i] * price.toDouble();
        }
        buyAndHold.record(time, value);
    }

    /** Each strategy's equity series (initial cash + net P&L), in the portfolio's strategy order. */
    public Map<StrategyId, Series> strategyEquity() {
        return strategies;
    }

    /** The equal-weight buy-and-hold equity series. */
    public Series buyAndHold() {
        return buyAndHold;
    }
}
