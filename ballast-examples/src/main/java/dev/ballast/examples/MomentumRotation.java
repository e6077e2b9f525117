package dev.ballast.examples;

import dev.ballast.engine.indicator.RateOfChange;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-sectional momentum rotation: periodically hold the strongest {@code topN} symbols in equal
 * weight, long only.
 *
 * <p>Time steps are bar timestamps. When the first bar of a new timestamp arrives, the previous step is
 * complete (every symbol's bar for it has been seen); after every {@code rebalanceEveryBars} completed
 * steps the strategy rebalances, before feeding the new bar. Rebalancing ranks the symbols whose rate
 * of change over {@code lookback} bars is ready, highest first (ties in the order the symbols were
 * given), and gives each of the top {@code topN} a target of {@code equity x equityFraction / topN};
 * every other symbol's target is zero. Target quantity = the target notional divided by
 * (last price x contract multiplier), rounded down to the instrument's lot size, all in
 * {@link FixedPoint} arithmetic, so the booked amounts never pass through a double. It then sends a
 * market order for the difference from the current position, all sells before all buys so that the
 * cash from exits is not needed twice. Prices are the context's last prices at that moment; for the
 * symbol whose bar triggered the rebalance that is already the new bar's close. Symbols with an order still pending, or with no last price, are
 * left as they are until the next rebalance.
 *
 * <p>Cost per bar: one HashMap lookup and one indicator update; only a rebalance allocates.
 * Threading: called by the executor one callback at a time, like every {@link Strategy}.
 */
public final class MomentumRotation implements Strategy {
    private static final BigInteger SCALE = BigInteger.valueOf(FixedPoint.SCALE);

    private final List<Symbol> symbols;
    private final int lookback;
    private final int rebalanceEveryBars;
    private final int topN;
    /** {@code equityFraction} as a fixed-point raw value, fixed once so sizing is exact thereafter. */
    private final long fractionRaw;
    private final Map<Symbol, SymbolState> states;
    private final List<SymbolState> ordered = new ArrayList<>();
    private StrategyContext ctx;
    private long lastTimestamp;
    private boolean seenBar;
    private long completedSteps;
    /** The slot size of a rebalance whose buys wait for its sells to finish, or null. */
    private Money buysAwaitingSells;

    /**
     * @param symbols            the universe to rank; at least {@code topN}
     * @param lookback           bars of rate of change used for ranking, at least 1
     * @param rebalanceEveryBars completed bar timestamps between rebalances, at least 1
     * @param topN               how many symbols to hold, at least 1
     * @param equityFraction     share of equity to invest across the held symbols, in (0, 1]; kept to
     *                           eight decimals
     */
    public MomentumRotation(Collection<Symbol> symbols, int lookback, int rebalanceEveryBars, int topN,
                            double equityFraction) {
        if (symbols == null || symbols.isEmpty()) throw new IllegalArgumentException("at least one symbol is required");
        if (lookback < 1) throw new IllegalArgumentException("lookback must be at least 1, was " + lookback);
        if (rebalanceEveryBars < 1) throw new IllegalArgumentException("rebalanceEveryBars must be at least 1, was " + rebalanceEveryBars);
        if (topN < 1 || topN > symbols.size()) {
            throw new IllegalArgumentException("topN must be between 1 and the " + symbols.size() + " symbols, was " + topN);
        }
        if (!(equityFraction > 0 && equityFraction <= 1)) {
            throw new IllegalArgumentException("equityFraction must be in (0, 1], was " + equityFraction);
        }
        this.symbols = List.copyOf(symbols);
        if (this.symbols.stream().distinct().count() != this.symbols.size()) {
            throw new IllegalArgumentException("symbols must be distinct: " + this.symbols);
        }
        this.lookback = lookback;
        this.rebalanceEveryBars = rebalanceEveryBars;
        this.topN = topN;
        this.fractionRaw = FixedPoint.fromDouble(equityFraction);
        this.states = HashMap.newHashMap(this.symbols.size());
    }

    @Override
    public void onStart(StrategyContext context) {
        this.ctx = context;
        states.clear();
        ordered.clear();
        for (int i = 0; i < symbols.size(); i++) {
            SymbolState s = new SymbolState(symbols.get(i), i, context.indicators().rateOfChange(lookback));
            states.put(s.symbol, s);
            ordered.add(s);
        }
        seenBar = false;
        completedSteps = 0;
        buysAwaitingSells = null;
    }

    @Override
    public void onBar(Bar bar) {
        SymbolState s = states.get(bar.symbol());
        if (s == null) return;
        if (!seenBar) {
            seenBar = true;
            lastTimestamp = bar.timestamp();
        } else if (bar.timestamp() != lastTimestamp) {
            lastTimestamp = bar.timestamp();
            if (++completedSteps % rebalanceEveryBars == 0) rebalance();
        }
        s.roc.update(bar.close().toDouble());
    }

    private void rebalance() {
        List<SymbolState> ranked = new ArrayList<>(ordered.size());
        for (SymbolState s : ordered) {
            if (s.roc.isReady() && !Double.isNaN(s.roc.value())) ranked.add(s);
        }
        if (ranked.isEmpty()) return;
        ranked.sort(Comparator.comparingDouble((SymbolState s) -> s.roc.value()).reversed()
                .thenComparingInt(s -> s.index));
        for (SymbolState s : ordered) s.selected = false;
        for (int i = 0; i < Math.min(topN, ranked.size()); i++) ranked.get(i).selected = true;

        Money equity = ctx.equity();
        long slotRaw = equity.isPositive() ? FixedPoint.multiply(equity.raw(), fractionRaw) / topN : 0;
        Money slot = Money.ofRaw(slotRaw);
        // Sells first, buys once they have filled: the engine gives no buying power for sells that
        // are still working, so buying at the same time would be denied.
        boolean sold = false;
        for (SymbolState s : ordered) sold |= trade(s, slot, true);
        if (sold) {
            buysAwaitingSells = slot;
        } else {
            for (SymbolState s : ordered) trade(s, slot, false);
        }
    }

    /** Sends the order that moves {@code s} toward its target on one side; true if it sent one. */
    private boolean trade(SymbolState s, Money slot, boolean sells) {
        if (s.pending != null) return false;
        Price price = ctx.lastPrice(s.symbol);
        if (price == null || !price.isPositive()) return false;
        Quantity target = s.selected ? targetQuantity(slot, price, ctx.instrument(s.symbol)) : Quantity.ZERO;
        Quantity held = ctx.position(s.symbol).quantity();
        long delta = Math.subtractExact(target.raw(), held.raw());
        if (delta < 0 && sells) {
            s.pending = ctx.submit(OrderRequest.market(s.symbol, OrderSide.SELL, Quantity.ofRaw(-delta)));
        } else if (delta > 0 && !sells) {
            s.pending = ctx.submit(OrderRequest.market(s.symbol, OrderSide.BUY, Quantity.ofRaw(delta)));
        } else {
            return false;
        }
        return s.pending != null;
    }

    /**
     * {@code floor(notional / (price x multiplier))}, rounded down to a whole number of lots: the
     * largest tradable quantity whose notional does not exceed {@code notional}.
     */
    static Quantity targetQuantity(Money notional, Price price, Instrument instrument) {
        if (!notional.isPositive() || !price.isPositive()) return Quantity.ZERO;
        long unitValueRaw = Math.multiplyExact(price.raw(), instrument.multiplier());
        // raw quantity = notional / unitValue in fixed point: notionalRaw * SCALE / unitValueRaw, truncated.
        long quantityRaw = BigInteger.valueOf(notional.raw()).multiply(SCALE)
                .divide(BigInteger.valueOf(unitValueRaw)).longValueExact();
        long lot = instrument.lotSize().raw();
        return Quantity.ofRaw(quantityRaw - quantityRaw % lot);
    }

    @Override
    public void onOrderEvent(Order order) {
        SymbolState s = states.get(order.symbol());
        if (s != null && order.status().isTerminal() && order.id().equals(s.pending)) s.pending = null;
        if (buysAwaitingSells != null && ordered.stream().allMatch(state -> state.pending == null)) {
            Money slot = buysAwaitingSells;
            buysAwaitingSells = null;
            for (SymbolState state : ordered) trade(state, slot, false);
        }
    }

    /** Mutable per-symbol state, touched only from the strategy's callbacks. */
    private static final class SymbolState {
        final Symbol symbol;
        final int index;
        final RateOfChange roc;
        boolean selected;
        ClientOrderId pending;

        SymbolState(Symbol symbol, int index, RateOfChange roc) {
            this.symbol = symbol;
            this.index = index;
            this.roc = roc;
        }
    }
}
