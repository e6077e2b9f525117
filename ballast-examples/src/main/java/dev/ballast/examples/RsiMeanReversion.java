package dev.ballast.examples;

import dev.ballast.engine.indicator.Rsi;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Position;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-only RSI mean reversion, per symbol, on closes.
 *
 * <p>Rule: once the Wilder RSI over {@code period} is ready, buy {@code quantity} at market when RSI is
 * strictly below {@code oversold} and the symbol is flat; sell the whole position at market when RSI is
 * strictly above {@code overbought} and the symbol is long. Unlike a crossover it acts on the level, so
 * it re-enters on any later oversold bar once flat again. No order is sent for a symbol while one of
 * its orders is pending (not yet terminal), so a slow fill never doubles an entry or an exit.
 *
 * <p>Cost per bar: one HashMap lookup and one RSI update; the position is read only when the RSI is
 * beyond a threshold. Threading: called by the executor one callback at a time, like every
 * {@link Strategy}.
 */
public final class RsiMeanReversion implements Strategy {
    private final List<Symbol> symbols;
    private final int period;
    private final double oversold;
    private final double overbought;
    private final Quantity quantity;
    private final Map<Symbol, SymbolState> states;
    private StrategyContext ctx;

    /**
     * @param symbols    the symbols to trade, each independently
     * @param period     RSI period (14 is Wilder's), at least 1
     * @param oversold   RSI level below which to buy, in [0, 100)
     * @param overbought RSI level above which to sell, above {@code oversold} and at most 100
     * @param quantity   the quantity to buy on entry; positive
     */
    public RsiMeanReversion(Collection<Symbol> symbols, int period, double oversold, double overbought, Quantity quantity) {
        if (symbols == null || symbols.isEmpty()) throw new IllegalArgumentException("at least one symbol is required");
        if (period < 1) throw new IllegalArgumentException("RSI period must be at least 1, was " + period);
        if (!(oversold >= 0 && oversold < overbought && overbought <= 100)) {
            throw new IllegalArgumentException("need 0 <= oversold < overbought <= 100, got " + oversold + " and " + overbought);
        }
        if (quantity == null || !quantity.isPositive()) throw new IllegalArgumentException("quantity must be positive");
        this.symbols = List.copyOf(symbols);
        this.period = period;
        this.oversold = oversold;
        this.overbought = overbought;
        this.quantity = quantity;
        this.states = HashMap.newHashMap(this.symbols.size());
    }

    @Override
    public void onStart(StrategyContext context) {
        this.ctx = context;
        states.clear();
        for (Symbol symbol : symbols) states.put(symbol, new SymbolState(context.indicators().rsi(period)));
    }

    @Override
    public void onBar(Bar bar) {
        SymbolState s = states.get(bar.symbol());
        if (s == null) return;
        s.rsi.update(bar.close().toDouble());
        if (!s.rsi.isReady() || s.pending != null) return;
        double rsi = s.rsi.value();
        if (rsi < oversold) {
            if (ctx.position(bar.symbol()).isFlat()) {
                s.pending = ctx.submit(OrderRequest.market(bar.symbol(), OrderSide.BUY, quantity));
            }
        } else if (rsi > overbought) {
            Position position = ctx.position(bar.symbol());
            if (position.isLong()) {
                s.pending = ctx.submit(OrderRequest.market(bar.symbol(), OrderSide.SELL, position.quantity()));
            }
        }
    }

    @Override
    public void onOrderEvent(Order order) {
        SymbolState s = states.get(order.symbol());
        if (s != null && order.status().isTerminal() && order.id().equals(s.pending)) s.pending = null;
    }

    /** Mutable per-symbol state, touched only from the strategy's callbacks. */
    private static final class SymbolState {
        final Rsi rsi;
        ClientOrderId pending;

        SymbolState(Rsi rsi) {
            this.rsi = rsi;
        }
    }
}
