package dev.ballast.engine.portfolio;

import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PortfolioManager: cash, positions (long and short), average cost, realized and unrealized
 * P&L, fees, equity and exposure, for the account and per strategy, all exact in fixed point.
 *
 * <p>Invariant, checked by {@link #ledgerIdentityHolds()} and a property test: initial cash +
 * realized P&L - fees - cost basis of open positions = cash, to the last unit. The account's
 * positions are the net of all strategies' positions in a symbol; a fill for an unknown order books
 * to {@link #UNATTRIBUTED} so that real money is never lost.
 *
 * <p>Every booked fill is kept by trade id, so that a venue's correction or bust of it can be booked exactly
 * ({@link #restate}): cash and fees move by the difference, and the positions it touched (the account's and its
 * owner's in that symbol) are re-derived by applying that symbol's surviving fills again in booking order, so that
 * the books equal those of a run that only ever saw the surviving (corrected) fills.
 *
 * <p>Owned by the engine thread; not thread-safe. Other threads read {@link PortfolioSnapshot}s.
 */
public final class PortfolioManager {
    /** The owner of fills whose order the engine does not know. */
    public static final StrategyId UNATTRIBUTED = StrategyId.of("_unattributed");

    private final Map<Symbol, SymbolBook> symbols = new HashMap<>();
    private final Map<StrategyId, StrategyBook> strategies = new LinkedHashMap<>();
    /** The last booking of each trade id (a correction replaces it; a bust removes it). */
    private final Map<String, BookedFill> bookedByTrade = new HashMap<>();
    private long bookings;
    private final long initialCash;
    private long cash;
    private long fees;
    private long marketValue;
    private long grossExposure;

    public PortfolioManager(Money initialCash, Collection<Instrument> instruments) {
        this.initialCash = initialCash.raw();
        this.cash = initialCash.raw();
        for (Instrument instrument : instruments) {
            symbols.put(instrument.symbol(), new SymbolBook(instrument));
        }
    }

    /** Registers a strategy so that it is reported even before it trades. */
    public void addStrategy(StrategyId strategyId) {
        strategies.computeIfAbsent(strategyId, id -> new StrategyBook());
    }

    /** Books a fill for {@code owner}: cash, fees, the owner's position and the account's. */
    public void book(Fill fill, StrategyId owner) {
        SymbolBook book = symbolBook(fill.symbol());
        BookedFill booked = new BookedFill(++bookings, fill, owner);
        long signedQuantity = signedQuantity(fill);
        long notional = notional(fill, book);
        moveCash(fill, owner, -1, notional);
        book.account.apply(signedQuantity, fill.price().raw(), notional);
        strategies.get(owner).ledger(fill.symbol(), book.instrument.multiplier()).apply(signedQuantity, fill.price().raw(), notional);
        book.history.put(booked.sequence(), booked);
        bookedByTrade.put(fill.tradeId(), booked);

        if (!book.hasPrice) book.setPrice(fill.price().raw());
        revalue(book);
    }

    /** The last booking of trade {@code tradeId} (as corrected), or {@code null} if none stands (never booked, or busted). */
    public BookedFill bookedFill(String tradeId) {
        return bookedByTrade.get(tradeId);
    }

    /**
     * Books a venue's bust ({@code replacement} null) or correction ({@code replacement}: the same trade with its new
     * quantity, price and commission) of the booked trade {@code tradeId}. Cash and fees (the account's and the
     * owner's) move back by the original's notional and commission, then by the replacement's; the account's and the
     * owner's positions in the symbol are re-derived from the symbol's surviving fills in booking order (a corrected
     * fill keeps its place), which fixes their quantity, cost basis and realized P&L exactly.
     *
     * @throws IllegalStateException if the trade is not booked, or the replacement is not the same trade
     */
    public void restate(String tradeId, Fill replacement) {
        BookedFill original = bookedByTrade.get(tradeId);
        if (original == null) throw new IllegalStateException("trade " + tradeId + " is not booked");
        Fill fill = original.fill();
        if (replacement != null && (!replacement.tradeId().equals(tradeId) || !replacement.symbol().equals(fill.symbol())
                || replacement.side() != fill.side() || !replacement.orderId().equals(fill.orderId()))) {
            throw new IllegalStateException("a correction of trade " + tradeId + " must keep its order, symbol and side");
        }
        SymbolBook book = symbolBook(fill.symbol());
        moveCash(fill, original.owner(), +1, notional(fill, book));
        if (replacement == null) {
            book.history.remove(original.sequence());
            bookedByTrade.remove(tradeId);
        } else {
            BookedFill corrected = new BookedFill(original.sequence(), replacement, original.owner());
            moveCash(replacement, original.owner(), -1, notional(replacement, book));
            book.history.put(original.sequence(), corrected); // same key: keeps its place in booking order
            bookedByTrade.put(tradeId, corrected);
        }
        rederive(book, original.owner());
        revalue(book);
    }

    /** Moves cash and fees (account and owner) by a fill's notional and commission: {@code sign} -1 books, +1 reverses. */
    private void moveCash(Fill fill, StrategyId owner, int sign, long notional) {
        long outflow = Math.addExact(notional, fill.commission().raw());
        long commission = fill.commission().raw();
        StrategyBook strategy = strategies.computeIfAbsent(owner, id -> new StrategyBook());
        if (sign < 0) {
            cash = Math.subtractExact(cash, outflow);
            fees = Math.addExact(fees, commission);
            strategy.fees = Math.addExact(strategy.fees, commission);
            strategy.cashFlow = Math.subtractExact(strategy.cashFlow, outflow);
        } else {
            cash = Math.addExact(cash, outflow);
            fees = Math.subtractExact(fees, commission);
            strategy.fees = Math.subtractExact(strategy.fees, commission);
            strategy.cashFlow = Math.addExact(strategy.cashFlow, outflow);
        }
    }

    /** Applies the symbol's surviving fills again, in booking order, to the account's ledger and {@code owner}'s. */
    private void rederive(SymbolBook book, StrategyId owner) {
        PositionLedger mine = strategies.get(owner).ledger(book.instrument.symbol(), book.instrument.multiplier());
        book.account.reset();
        mine.reset();
        for (BookedFill booked : book.history.values()) {
            Fill fill = booked.fill();
            long signedQuantity = signedQuantity(fill);
            long notional = notional(fill, book);
            book.account.apply(signedQuantity, fill.price().raw(), notional);
            if (booked.owner().equals(owner)) mine.apply(signedQuantity, fill.price().raw(), notional);
        }
    }

    private static long signedQuantity(Fill fill) {
        return fill.side().sign() * fill.quantity().raw();
    }

    /** A fill's signed notional (positive buys), rounded once: booking and reversing use the same figure. */
    private static long notional(Fill fill, SymbolBook book) {
        return Money.notional(Quantity.ofRaw(signedQuantity(fill)), fill.price(), book.instrument.multiplier()).raw();
    }

    /** Marks {@code symbol} at {@code price}; unknown symbols are ignored (they cannot hold positions). */
    public void mark(Symbol symbol, Price price) {
        mark(symbol, price, Long.MIN_VALUE);
    }

    /** Marks {@code symbol} at {@code price}, seen at engine time {@code time}. */
    public void mark(Symbol symbol, Price price, long time) {
        SymbolBook book = symbols.get(symbol);
        if (book == null) return;
        book.setPrice(price.raw());
        book.lastUpdate = time;
        if (book.account.quantity() != 0) revalue(book);
    }

    private void revalue(SymbolBook book) {
        long value = book.account.marketValue(book.lastPrice);
        marketValue = Math.addExact(marketValue - book.marketValue, value);
        grossExposure = Math.addExact(grossExposure - Math.abs(book.marketValue), Math.abs(value));
        book.marketValue = value;
    }

    private SymbolBook symbolBook(Symbol symbol) {
        SymbolBook book = symbols.get(symbol);
        if (book == null) throw new IllegalStateException("fill for " + symbol + ", which is not an instrument of this run");
        return book;
    }

    public Money initialCash() {
        return Money.ofRaw(initialCash);
    }

    public Money cash() {
        return Money.ofRaw(cash);
    }

    public Money fees() {
        return Money.ofRaw(fees);
    }

    /** Cash plus the signed market value of every open position. */
    public Money equity() {
        return Money.ofRaw(Math.addExact(cash, marketValue));
    }

    public long equityRaw() {
        return cash + marketValue;
    }

    /** Sum of the absolute market values of all positions. */
    public Money grossExposure() {
        return Money.ofRaw(grossExposure);
    }

    /** Sum of the signed market values of all positions. */
    public Money netExposure() {
        return Money.ofRaw(marketValue);
    }

    public Money realizedPnl() {
        long total = 0;
        for (SymbolBook book : symbols.values()) total = Math.addExact(total, book.account.realized());
        return Money.ofRaw(total);
    }

    public Money unrealizedPnl() {
        long total = 0;
        for (SymbolBook book : symbols.values()) {
            if (book.account.quantity() != 0) total = Math.addExact(total, book.marketValue - book.account.costBasis());
        }
        return Money.ofRaw(total);
    }

    /** The cost basis of all open positions of the account. */
    public Money openCostBasis() {
        long total = 0;
        for (SymbolBook book : symbols.values()) total = Math.addExact(total, book.account.costBasis());
        return Money.ofRaw(total);
    }

    /**
     * Whether initial cash + realized - fees - open cost basis equals cash exactly, for the account
     * and for each strategy's own cash flow.
     */
    public boolean ledgerIdentityHolds() {
        if (initialCash + realizedPnl().raw() - fees - openCostBasis().raw() != cash) return false;
        for (StrategyBook strategy : strategies.values()) {
            long realized = 0;
            long cost = 0;
            for (PositionLedger ledger : strategy.ledgers.values()) {
                realized += ledger.realized();
                cost += ledger.costBasis();
            }
            if (realized - strategy.fees - cost != strategy.cashFlow) return false;
        }
        return true;
    }

    /**
     * Checks the books: the ledger identity ({@link #ledgerIdentityHolds}), each symbol's account position equal to
     * the sum of the strategies' quantities in it, fees equal to the strategies'
     * fees, and the cached market value and gross exposure equal to what the positions give. Throws
     * {@link IllegalStateException} naming the first mismatch. For tests, after every event (a full scan).
     */
    public void verifyInvariants() {
        if (!ledgerIdentityHolds()) throw new IllegalStateException("the ledger identity does not hold: cash " + cash
                + ", initial " + initialCash + ", realized " + realizedPnl().raw() + ", fees " + fees + ", open cost "
                + openCostBasis().raw());
        long strategyFees = 0;
        for (StrategyBook strategy : strategies.values()) strategyFees += strategy.fees;
        if (strategyFees != fees) throw new IllegalStateException("fees " + fees + ", the strategies' fees add up to " + strategyFees);
        long value = 0;
        long gross = 0;
        for (SymbolBook book : symbols.values()) {
            // Quantities add up; cost and realized P&L need not (strategies on opposite sides net in the account).
            long quantity = 0;
            for (StrategyBook strategy : strategies.values()) {
                PositionLedger ledger = strategy.ledgers.get(book.instrument.symbol());
                if (ledger != null) quantity += ledger.quantity();
            }
            if (quantity != book.account.quantity()) {
                throw new IllegalStateException(book.instrument.symbol() + ": the account holds " + book.account.quantity()
                        + ", its strategies " + quantity);
            }
            if (book.hasPrice) {
                long marketValueNow = book.account.marketValue(book.lastPrice);
                if (marketValueNow != book.marketValue) {
                    throw new IllegalStateException(book.instrument.symbol() + ": cached market value " + book.marketValue
                            + ", the position is worth " + marketValueNow);
                }
            }
            value += book.marketValue;
            gross += Math.abs(book.marketValue);
        }
        if (value != marketValue) throw new IllegalStateException("market value " + marketValue + ", the symbols add up to " + value);
        if (gross != grossExposure) throw new IllegalStateException("gross exposure " + grossExposure + ", the symbols add up to " + gross);
    }

    /** The account's net position in {@code symbol}. */
    public Position accountPosition(Symbol symbol) {
        SymbolBook book = symbolBook(symbol);
        return book.account.toPosition(book.lastPrice, book.hasPrice);
    }

    /** The signed account quantity in raw units, for the risk checks. */
    public long accountQuantityRaw(Symbol symbol) {
        SymbolBook book = symbols.get(symbol);
        return book == null ? 0 : book.account.quantity();
    }

    /** {@code strategy}'s position in {@code symbol}, flat if it never traded it. */
    public Position position(StrategyId strategyId, Symbol symbol) {
        SymbolBook book = symbolBook(symbol);
        StrategyBook strategy = strategies.get(strategyId);
        PositionLedger ledger = strategy == null ? null : strategy.ledgers.get(symbol);
        if (ledger == null) ledger = new PositionLedger(symbol, book.instrument.multiplier());
        return ledger.toPosition(book.lastPrice, book.hasPrice);
    }

    /** The last price seen for {@code symbol}, or {@code null}. */
    public Price lastPrice(Symbol symbol) {
        SymbolBook book = symbols.get(symbol);
        return book == null || !book.hasPrice ? null : Price.ofRaw(book.lastPrice);
    }

    /** Engine time of the last market data for {@code symbol}, or {@code Long.MIN_VALUE} if none. */
    public long lastUpdate(Symbol symbol) {
        SymbolBook book = symbols.get(symbol);
        return book == null ? Long.MIN_VALUE : book.lastUpdate;
    }

    /**
     * The exposure figures of a strategy, or of the account when {@code strategyId} is null: its
     * position in {@code symbol}, gross and net exposure at the marks, open positions, and the value of
     * its position in {@code symbol}. Raw fixed-point.
     */
    public ExposureFigures exposure(StrategyId strategyId, Symbol symbol) {
        if (strategyId == null) {
            int open = 0;
            for (SymbolBook book : symbols.values()) if (book.account.quantity() != 0) open++;
            SymbolBook book = symbols.get(symbol);
            return new ExposureFigures(book == null ? 0 : book.account.quantity(), grossExposure, marketValue, open,
                    book == null ? 0 : book.marketValue);
        }
        StrategyBook strategy = strategies.get(strategyId);
        if (strategy == null) return new ExposureFigures(0, 0, 0, 0, 0);
        long gross = 0;
        long net = 0;
        int open = 0;
        long position = 0;
        long symbolValue = 0;
        for (Map.Entry<Symbol, PositionLedger> entry : strategy.ledgers.entrySet()) {
            PositionLedger ledger = entry.getValue();
            if (ledger.quantity() == 0) continue;
            long value = ledger.marketValue(symbols.get(entry.getKey()).lastPrice);
            gross += Math.abs(value);
            net += value;
            open++;
            if (entry.getKey().equals(symbol)) {
                position = ledger.quantity();
                symbolValue = value;
            }
        }
        return new ExposureFigures(position, gross, net, open, symbolValue);
    }

    /** Every non-zero position of a strategy (or of the account when null), signed raw quantity by symbol. */
    public Map<Symbol, Long> openQuantities(StrategyId strategyId) {
        Map<Symbol, Long> result = new TreeMap<>();
        if (strategyId == null) {
            for (Map.Entry<Symbol, SymbolBook> entry : symbols.entrySet()) {
                if (entry.getValue().account.quantity() != 0) result.put(entry.getKey(), entry.getValue().account.quantity());
            }
            return result;
        }
        StrategyBook strategy = strategies.get(strategyId);
        if (strategy == null) return result;
        for (Map.Entry<Symbol, PositionLedger> entry : strategy.ledgers.entrySet()) {
            if (entry.getValue().quantity() != 0) result.put(entry.getKey(), entry.getValue().quantity());
        }
        return result;
    }

    public Instrument instrument(Symbol symbol) {
        SymbolBook book = symbols.get(symbol);
        return book == null ? null : book.instrument;
    }

    public Collection<Symbol> symbols() {
        return List.copyOf(new TreeMap<>(symbols).keySet());
    }

    /** P&L figures of one strategy: realized, unrealized at the marks, and fees. */
    public StrategyPnl strategyPnl(StrategyId strategyId) {
        StrategyBook strategy = strategies.get(strategyId);
        if (strategy == null) return new StrategyPnl(strategyId, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
        long realized = 0;
        long unrealized = 0;
        long gross = 0;
        for (Map.Entry<Symbol, PositionLedger> entry : strategy.ledgers.entrySet()) {
            PositionLedger ledger = entry.getValue();
            SymbolBook book = symbols.get(entry.getKey());
            realized += ledger.realized();
            if (ledger.quantity() != 0) {
                long value = ledger.marketValue(book.lastPrice);
                unrealized += value - ledger.costBasis();
                gross += Math.abs(value);
            }
        }
        return new StrategyPnl(strategyId, Money.ofRaw(realized), Money.ofRaw(unrealized), Money.ofRaw(strategy.fees),
                Money.ofRaw(realized + unrealized - strategy.fees), Money.ofRaw(gross));
    }

    public Collection<StrategyId> strategyIds() {
        return List.copyOf(strategies.keySet());
    }

    /** An immutable copy of everything other threads may read. */
    public PortfolioSnapshot snapshot(long timestamp) {
        Map<Symbol, Position> accountPositions = new TreeMap<>();
        Map<Symbol, Price> prices = new HashMap<>();
        for (Map.Entry<Symbol, SymbolBook> entry : symbols.entrySet()) {
            SymbolBook book = entry.getValue();
            if (book.hasPrice) prices.put(entry.getKey(), Price.ofRaw(book.lastPrice));
            if (book.account.quantity() != 0 || book.account.realized() != 0) {
                accountPositions.put(entry.getKey(), book.account.toPosition(book.lastPrice, book.hasPrice));
            }
        }
        Map<StrategyId, Map<Symbol, Position>> byStrategy = new HashMap<>();
        for (Map.Entry<StrategyId, StrategyBook> entry : strategies.entrySet()) {
            Map<Symbol, Position> positions = new HashMap<>();
            for (Map.Entry<Symbol, PositionLedger> ledger : entry.getValue().ledgers.entrySet()) {
                SymbolBook book = symbols.get(ledger.getKey());
                positions.put(ledger.getKey(), ledger.getValue().toPosition(book.lastPrice, book.hasPrice));
            }
            byStrategy.put(entry.getKey(), Map.copyOf(positions));
        }
        return new PortfolioSnapshot(timestamp, cash(), equity(), fees(), grossExposure(), netExposure(),
                Map.copyOf(accountPositions), Map.copyOf(byStrategy), Map.copyOf(prices));
    }

    private static final class SymbolBook {
        final Instrument instrument;
        final PositionLedger account;
        /** The fills standing in this symbol by booking sequence, in booking order (corrected in place, busts removed). */
        final Map<Long, BookedFill> history = new LinkedHashMap<>();
        long lastPrice;
        boolean hasPrice;
        long marketValue;
        long lastUpdate = Long.MIN_VALUE;

        SymbolBook(Instrument instrument) {
            this.instrument = instrument;
            this.account = new PositionLedger(instrument.symbol(), instrument.multiplier());
        }

        void setPrice(long price) {
            lastPrice = price;
            hasPrice = true;
        }
    }

    private static final class StrategyBook {
        final Map<Symbol, PositionLedger> ledgers = new HashMap<>();
        long fees;
        long cashFlow;

        PositionLedger ledger(Symbol symbol, long multiplier) {
            return ledgers.computeIfAbsent(symbol, s -> new PositionLedger(s, multiplier));
        }
    }
}
