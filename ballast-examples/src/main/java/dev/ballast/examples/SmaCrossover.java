package dev.ballast.examples;

import dev.ballast.engine.indicator.Sma;
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
 * Long-only moving-average crossover, per symbol, on closes.
 *
 * <p>Rule: "above" means fast SMA strictly greater than slow SMA. When a symbol goes from not above to
 * above (a cross up) the strategy buys at market up to {@code tradeQuantity} held; when it goes from
 * above to not above (a cross down) it sells everything it holds at market. It trades only on the bar
 * of a cross, never merely because the relation holds, and ignores the first bar on which both averages
 * are ready (no previous relation to compare with).
 *
 * <p>Orders in flight: while a symbol has an order pending (not yet terminal), a cross up sends
 * nothing, so a slow fill never causes a second entry. A cross down with an entry still pending
 * cancels that entry and sells whatever has filled so far. Bars for symbols outside the run's list are
 * ignored.
 *
 * <p>Cost per bar: one HashMap lookup and two indicator updates; it allocates only when it orders.
 * Threading: called by the executor one callback at a time, like every {@link Strategy}.
 */
public final class SmaCrossover implements Strategy {
    private final List<Symbol> symbols;
    private final int fast;
    private final int slow;
    private final Quantity tradeQuantity;
    private final Map<Symbol, SymbolState> states;
    private StrategyContext ctx;

    /**
     * @param symbols       the symbols to trade, each independently
     * @param fast          the fast SMA period, at least 1
     * @param slow          the slow SMA period, greater than {@code fast}
     * @param tradeQuantity the long position to hold after a cross up; positive
     */
    public SmaCrossover(Collection<Symbol> symbols, int fast, int slow, Quantity tradeQuantity) {
        if (symbols == null || symbols.isEmpty()) throw new IllegalArgumentException("at least one symbol is required");
        if (fast < 1) throw new IllegalArgumentException("fast period must be at least 1, was " + fast);
        if (slow <= fast) throw new IllegalArgumentException("slow period " + slow + " must exceed fast period " + fast);
        if (tradeQuantity == null || !tradeQuantity.isPositive()) throw new IllegalArgumentException("trade quantity must be positive");
        this.symbols = List.copyOf(symbols);
        this.fast = fast;
        this.slow = slow;
        this.tradeQuantity = tradeQuantity;
        this.states = HashMap.newHashMap(this.symbols.size());
    }

    @Override
    public void onStart(StrategyContext context) {
        this.ctx = context;
        states.clear();
        for (Symbol symbol : symbols) {
            states.put(symbol, new SymbolState(context.indicators().sma(fast), context.indicators().sma(slow)));
        }
    }

    @Override
    public void onBar(Bar bar) {
        SymbolState s = states.get(bar.symbol());
        if (s == null) return;
        double close = bar.close().toDouble();
        s.fast.update(close);
        s.slow.update(close);
        if (!s.slow.isReady()) return;
        boolean above = s.fast.value() > s.slow.value();
        boolean hadRelation = s.hasRelation;
        boolean wasAbove = s.above;
        s.above = above;
        s.hasRelation = true;
        if (!hadRelation || above == wasAbove) return;
        if (above) enter(bar.symbol(), s);
        else exit(bar.symbol(), s);
    }

    private void enter(Symbol symbol, SymbolState s) {
        if (s.pending != null) return;
        Quantity held = ctx.position(symbol).quantity();
        if (held.compareTo(tradeQuantity) >= 0) return;
        // Top up a remainder (say, an entry canceled after a partial fill) rather than stacking a full lot.
        Quantity toBuy = held.isPositive() ? tradeQuantity.minus(held) : tradeQuantity;
        s.pending = ctx.submit(OrderRequest.market(symbol, OrderSide.BUY, toBuy));
    }

    private void exit(Symbol symbol, SymbolState s) {
        if (s.pending != null) {
            // An entry still working would reopen the position after this exit; stop it first.
            ctx.cancel(s.pending);
            s.pending = null;
        }
        Position position = ctx.position(symbol);
        if (!position.isLong()) return;
        s.pending = ctx.submit(OrderRequest.market(symbol, OrderSide.SELL, position.quantity()));
    }

    @Override
    public void onOrderEvent(Order order) {
        SymbolState s = states.get(order.symbol());
        if (s != null && order.status().isTerminal() && order.id().equals(s.pending)) s.pending = null;
    }

    /** Mutable per-symbol state, touched only from the strategy's callbacks. */
    private static final class SymbolState {
        final Sma fast;
        final Sma slow;
        boolean hasRelation;
        boolean above;
        ClientOrderId pending;

        SymbolState(Sma fast, Sma slow) {
            this.fast = fast;
            this.slow = slow;
        }
    }
}
