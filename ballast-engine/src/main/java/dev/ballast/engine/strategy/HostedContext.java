package dev.ballast.engine.strategy;

import dev.ballast.engine.clock.Clock;
import dev.ballast.engine.indicator.Indicators;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.CancelOrder;
import dev.ballast.model.event.ModifyOrder;
import dev.ballast.model.event.SubmitBracket;
import dev.ballast.model.event.SubmitOrder;

import java.util.Collection;
import java.util.logging.Logger;

/**
 * The {@link StrategyContext} of one hosted strategy: turns calls into requests on the engine's
 * queue, with client order ids numbered per strategy so that a run always assigns the same ids.
 * Used only from the strategy's callback thread.
 */
final class HostedContext implements StrategyContext {
    private static final Logger LOG = Logger.getLogger("dev.ballast.strategy");

    private final StrategyHost host;
    private final PortfolioView portfolio;
    private final StrategyRequestSink sink;
    private final Clock clock;
    private volatile long nextSequence = 1;

    HostedContext(StrategyHost host, PortfolioView portfolio, StrategyRequestSink sink, Clock clock) {
        this.host = host;
        this.portfolio = portfolio;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public StrategyId strategyId() {
        return host.id();
    }

    @Override
    public long now() {
        return clock.nanos();
    }

    @Override
    public ClientOrderId submit(OrderRequest request) {
        if (!host.admitRequest()) return null;
        ClientOrderId id = nextId();
        sink.accept(new SubmitOrder(host.id(), id, request, arrivalPrice(request), clock.nanos()));
        return id;
    }

    @Override
    public ClientOrderId submitBracket(OrderRequest entry, Price takeProfit, Price stopLoss) {
        if (!host.admitRequest()) return null;
        ClientOrderId entryId = nextId();
        ClientOrderId takeProfitId = nextId();
        ClientOrderId stopLossId = nextId();
        sink.accept(new SubmitBracket(host.id(), entryId, entry, takeProfitId, takeProfit, stopLossId, stopLoss,
                arrivalPrice(entry), clock.nanos()));
        return entryId;
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        if (orderId == null || !host.admitRequest()) return;
        sink.accept(new CancelOrder(host.id(), orderId, clock.nanos()));
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        if (orderId == null || !host.admitRequest()) return;
        sink.accept(new ModifyOrder(host.id(), orderId, quantity, limitPrice, stopPrice, clock.nanos()));
    }

    /** Makes the next order id at least {@code sequence} (ids already used by a run being resumed). */
    void reserveIdsBelow(long sequence) {
        if (nextSequence < sequence) nextSequence = sequence;
    }

    private ClientOrderId nextId() {
        return ClientOrderId.of(host.id(), nextSequence++);
    }

    private Price arrivalPrice(OrderRequest request) {
        return request == null || request.symbol() == null ? null : portfolio.lastPrice(request.symbol());
    }

    @Override
    public Position position(Symbol symbol) {
        return portfolio.position(host.id(), symbol);
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
        return host.symbols();
    }

    @Override
    public Indicators indicators() {
        return Indicators.INSTANCE;
    }

    @Override
    public void log(String message) {
        LOG.info(() -> "[" + host.id() + "] " + message);
    }
}
