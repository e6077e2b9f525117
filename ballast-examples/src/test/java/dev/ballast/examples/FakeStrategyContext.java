package dev.ballast.examples;

import dev.ballast.engine.indicator.Indicators;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-driven StrategyContext for unit tests: records submitted requests and cancels, and lets the
 * test set positions, last prices, equity and instruments. Nothing fills unless the test says so.
 * Single-threaded, like the strategies it drives.
 */
final class FakeStrategyContext implements StrategyContext {
    static final StrategyId ID = StrategyId.of("test");

    final List<OrderRequest> submitted = new ArrayList<>();
    final Map<ClientOrderId, OrderRequest> byId = new LinkedHashMap<>();
    final List<ClientOrderId> canceled = new ArrayList<>();
    private final Map<Symbol, Quantity> positions = new HashMap<>();
    private final Map<Symbol, Price> prices = new HashMap<>();
    private final Map<Symbol, Instrument> instruments = new HashMap<>();
    private final List<Symbol> symbols;
    private Money equity = Money.ZERO;
    private long sequence;
    private long now;

    FakeStrategyContext(List<Symbol> symbols) {
        this.symbols = List.copyOf(symbols);
    }

    /** Sets the last price from the bar, as the engine would, then delivers it. */
    void feed(Strategy strategy, Symbol symbol, long timestamp, String close) {
        Price p = Price.of(close);
        prices.put(symbol, p);
        now = timestamp;
        strategy.onBar(new Bar(symbol, timestamp, p, p, p, p, Quantity.ofUnits(1000)));
    }

    /** The requests submitted since the last call, then forgets them. */
    List<OrderRequest> drain() {
        List<OrderRequest> out = List.copyOf(submitted);
        submitted.clear();
        return out;
    }

    ClientOrderId lastId() {
        ClientOrderId last = null;
        for (ClientOrderId id : byId.keySet()) last = id;
        return last;
    }

    /** Reports {@code id} as reaching {@code status} to the strategy. */
    void report(Strategy strategy, ClientOrderId id, OrderStatus status) {
        Order order = Order.initialized(id, ID, byId.get(id), now, BracketRole.NONE, null).withStatus(status, now);
        strategy.onOrderEvent(order);
    }

    void setPosition(Symbol symbol, Quantity quantity) {
        positions.put(symbol, quantity);
    }

    void setEquity(Money equity) {
        this.equity = equity;
    }

    void setInstrument(Instrument instrument) {
        instruments.put(instrument.symbol(), instrument);
    }

    @Override
    public StrategyId strategyId() {
        return ID;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public ClientOrderId submit(OrderRequest request) {
        ClientOrderId id = ClientOrderId.of(ID, ++sequence);
        submitted.add(request);
        byId.put(id, request);
        return id;
    }

    @Override
    public ClientOrderId submitBracket(OrderRequest entry, Price takeProfit, Price stopLoss) {
        return submit(entry);
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        canceled.add(orderId);
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        throw new UnsupportedOperationException("not used by the examples");
    }

    @Override
    public Position position(Symbol symbol) {
        Quantity q = positions.getOrDefault(symbol, Quantity.ZERO);
        return new Position(symbol, q, Money.ZERO, null, Money.ZERO, Money.ZERO, prices.get(symbol));
    }

    @Override
    public Money cash() {
        return equity;
    }

    @Override
    public Money equity() {
        return equity;
    }

    @Override
    public Price lastPrice(Symbol symbol) {
        return prices.get(symbol);
    }

    @Override
    public Instrument instrument(Symbol symbol) {
        return instruments.computeIfAbsent(symbol, s -> Instrument.equity(s, "USD"));
    }

    @Override
    public Collection<Symbol> symbols() {
        return symbols;
    }

    @Override
    public Indicators indicators() {
        return Indicators.INSTANCE;
    }

    @Override
    public void log(String message) {}
}
