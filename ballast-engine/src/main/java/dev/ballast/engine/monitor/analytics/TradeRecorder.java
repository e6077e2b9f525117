package dev.ballast.engine.monitor.analytics;

import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Builds {@link ClosedTrade}s from the booked fills: per strategy and symbol, a queue of open lots; a fill
 * against the position's direction closes lots first in, first out, and what is left of it (a flip) opens
 * a new lot the other way. Fees are split pro rata to quantity, exactly (the parts of a fee add up to
 * it). Also counts each strategy's traded notional and fees for turnover. A venue's correction or bust of a fill
 * rebuilds everything from the fills standing (a corrected one in its place), so the trades are those of a run that
 * only ever saw them. Engine thread only.
 */
public final class TradeRecorder implements EngineEventListener {
    private final ToLongFunction<Symbol> multiplier;
    private final Map<StrategyId, Map<Symbol, ArrayDeque<Lot>>> books = new LinkedHashMap<>();
    private final List<ClosedTrade> trades = new ArrayList<>();
    private final Map<StrategyId, long[]> notionalAndFees = new LinkedHashMap<>();
    /** Every fill booked and standing, in booking order: what a correction or bust rebuilds from. */
    private final List<StandingFill> standing = new ArrayList<>();

    private record StandingFill(StrategyId strategy, Fill fill) {}

    /** @param multiplier the contract multiplier of a symbol (notional = quantity x price x multiplier) */
    public TradeRecorder(ToLongFunction<Symbol> multiplier) {
        this.multiplier = multiplier;
    }

    /** With multiplier 1 for every symbol. */
    public TradeRecorder() {
        this(symbol -> 1L);
    }

    private static final class Lot {
        final long time;
        final long price;
        long quantity;
        long fee;

        Lot(long time, long price, long quantity, long fee) {
            this.time = time;
            this.price = price;
            this.quantity = quantity;
            this.fee = fee;
        }
    }

    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case FillBooked booked -> onFill(booked.strategyId(), booked.fill());
            case FillCorrectionBooked corrected -> restate(corrected.corrected().tradeId(), corrected.corrected());
            case FillBustBooked busted -> restate(busted.original().tradeId(), null);
            default -> { }
        }
    }

    /** Books one fill of {@code strategy}. */
    public void onFill(StrategyId strategy, Fill fill) {
        standing.add(new StandingFill(strategy, fill));
        apply(strategy, fill);
    }

    /** The last standing fill with {@code tradeId} corrected ({@code replacement}) or busted (null), then a rebuild. */
    private void restate(String tradeId, Fill replacement) {
        for (int i = standing.size() - 1; i >= 0; i--) {
            StandingFill fill = standing.get(i);
            if (!fill.fill().tradeId().equals(tradeId)) continue;
            if (replacement == null) {
                standing.remove(i);
            } else {
                standing.set(i, new StandingFill(fill.strategy(), replacement));
            }
            break;
        }
        books.clear();
        trades.clear();
        notionalAndFees.clear();
        signs.clear();
        for (StandingFill fill : standing) apply(fill.strategy(), fill.fill());
    }

    private void apply(StrategyId strategy, Fill fill) {
        long mult = Math.max(1, multiplier.applyAsLong(fill.symbol()));
        int sign = fill.side().sign();
        long remaining = fill.quantity().raw();
        long fee = fill.commission().raw();
        long price = fill.price().raw();
        long[] totals = notionalAndFees.computeIfAbsent(strategy, s -> new long[2]);
        totals[0] += Math.abs(FixedPoint.notional(remaining, price, mult));
        totals[1] += fee;
        ArrayDeque<Lot> lots = books.computeIfAbsent(strategy, s -> new HashMap<>())
                .computeIfAbsent(fill.symbol(), s -> new ArrayDeque<>());
        // Lots hold signed quantities' direction in lotSign; all lots of a position share it.
        if (!lots.isEmpty() && lotSign(strategy, fill.symbol()) != sign && remaining > 0) {
            int direction = -sign;
            long open = 0;
            for (Lot lot : lots) open += lot.quantity;
            long closing = Math.min(remaining, open);
            long closingFee = closing == remaining ? fee : FixedPoint.mulDivExact(fee, closing, remaining);
            long toMatch = closing;
            long entryCost = 0;
            long entryValue = 0;
            long entryFees = 0;
            long entryTime = lots.peekFirst().time;
            while (toMatch > 0) {
                Lot lot = lots.peekFirst();
                long used = Math.min(lot.quantity, toMatch);
                long lotFee = used == lot.quantity ? lot.fee : FixedPoint.mulDivExact(lot.fee, used, lot.quantity);
                entryCost += FixedPoint.notional(used, lot.price, mult);
                entryValue += FixedPoint.multiply(used, lot.price);
                entryFees += lotFee;
                lot.quantity -= used;
                lot.fee -= lotFee;
                if (lot.quantity == 0) lots.pollFirst();
                toMatch -= used;
            }
            long exitCost = FixedPoint.notional(closing, price, mult);
            long gross = direction * (exitCost - entryCost);
            long fees = entryFees + closingFee;
            trades.add(new ClosedTrade(strategy, fill.symbol(),
                    direction > 0 ? ClosedTrade.Direction.LONG : ClosedTrade.Direction.SHORT, Quantity.ofRaw(closing),
                    entryTime, Price.ofRaw(FixedPoint.divide(entryValue, closing)), fill.timestamp(), fill.price(),
                    Money.ofRaw(gross), Money.ofRaw(fees), Money.ofRaw(gross - fees)));
            remaining -= closing;
            fee -= closingFee;
        }
        if (remaining > 0) {
            lots.addLast(new Lot(fill.timestamp(), price, remaining, fee));
            signs.put(key(strategy, fill.symbol()), sign);
        }
    }

    private final Map<String, Integer> signs = new HashMap<>();

    private static String key(StrategyId strategy, Symbol symbol) {
        return strategy.value() + '\u0000' + symbol.value();
    }

    private int lotSign(StrategyId strategy, Symbol symbol) {
        return signs.getOrDefault(key(strategy, symbol), 0);
    }

    /** Every closed trade, in the order they closed. */
    public List<ClosedTrade> trades() {
        return Collections.unmodifiableList(trades);
    }

    /** The closed trades of one strategy. */
    public List<ClosedTrade> trades(StrategyId strategy) {
        List<ClosedTrade> result = new ArrayList<>();
        for (ClosedTrade trade : trades) if (trade.strategyId().equals(strategy)) result.add(trade);
        return result;
    }

    /** Entry time of the oldest open lot of each open position (of {@code strategy}, or all when null). */
    public List<Long> openSince(StrategyId strategy) {
        List<Long> result = new ArrayList<>();
        for (Map.Entry<StrategyId, Map<Symbol, ArrayDeque<Lot>>> entry : books.entrySet()) {
            if (strategy != null && !strategy.equals(entry.getKey())) continue;
            for (ArrayDeque<Lot> lots : entry.getValue().values()) if (!lots.isEmpty()) result.add(lots.peekFirst().time);
        }
        return result;
    }

    /** Sum of |quantity x price x multiplier| over the fills of {@code strategy} (all when null). */
    public Money tradedNotional(StrategyId strategy) {
        return Money.ofRaw(total(strategy, 0));
    }

    /** Commissions of the fills of {@code strategy} (all when null). */
    public Money fees(StrategyId strategy) {
        return Money.ofRaw(total(strategy, 1));
    }

    private long total(StrategyId strategy, int index) {
        long sum = 0;
        for (Map.Entry<StrategyId, long[]> entry : notionalAndFees.entrySet()) {
            if (strategy == null || strategy.equals(entry.getKey())) sum += entry.getValue()[index];
        }
        return sum;
    }

    /** Strategies that had fills, in order of their first fill. */
    public List<StrategyId> strategies() {
        return List.copyOf(notionalAndFees.keySet());
    }
}
