package dev.ballast.engine.broker.paper;

import dev.ballast.engine.broker.BrokerReportSink;
import java.util.function.Consumer;
import dev.ballast.model.AssetClass;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.Quote;
import dev.ballast.model.event.TradeTick;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link PaperBroker} the way the engine does: the clock moves to each event's timestamp,
 * the broker sees the event, then "the strategy" may submit. Collects every report in order.
 */
final class PaperBrokerFixture {
    static final Symbol AAPL = Symbol.of("AAPL");
    static final Symbol LOTS = Symbol.of("LOTS");
    static final Symbol ES = Symbol.of("ES");
    /** 2024-01-02T14:30:00Z, a Tuesday. */
    static final long T0 = nanos("2024-01-02T14:30:00Z");
    static final long MINUTE = 60_000_000_000L;
    static final long MILLI = 1_000_000L;
    static final Map<Symbol, Instrument> INSTRUMENTS = Map.of(
            AAPL, Instrument.equity(AAPL, "USD"),
            LOTS, new Instrument(LOTS, AssetClass.EQUITY, "USD", Price.of("0.01"), Quantity.ofUnits(100), 1),
            ES, new Instrument(ES, AssetClass.FUTURE, "USD", Price.of("0.25"), Quantity.ofUnits(1), 50));

    final TestClock clock = new TestClock(T0);
    final List<BrokerReport> reports = new ArrayList<>();
    final PaperBroker broker;
    /** What "the engine" does with each report after recording it; a hook for re-entrancy tests. */
    Consumer<BrokerReport> onReport = r -> { };
    private int nextId = 1;

    PaperBrokerFixture(PaperBrokerSettings settings) {
        broker = new PaperBroker(clock, INSTRUMENTS, settings);
        broker.connect(BrokerReportSink.reportsOnly(r -> {
            reports.add(r);
            onReport.accept(r);
        }));
    }

    PaperBrokerFixture() {
        this(PaperBrokerSettings.defaults());
    }

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Bar number {@code k} of AAPL: complete at T0 + k minutes. */
    static Bar bar(int k, String open, String high, String low, String close, String volume) {
        return bar(AAPL, T0 + k * MINUTE, open, high, low, close, volume);
    }

    static Bar bar(Symbol symbol, long ts, String open, String high, String low, String close, String volume) {
        return new Bar(symbol, ts, Price.of(open), Price.of(high), Price.of(low), Price.of(close),
                volume == null ? null : Quantity.of(volume));
    }

    static TradeTick tick(long ts, String price, String size) {
        return new TradeTick(AAPL, ts, Price.of(price), size == null ? null : Quantity.of(size));
    }

    static Quote quote(long ts, String bid, String bidSize, String ask, String askSize) {
        return new Quote(AAPL, ts, Price.of(bid), Quantity.of(bidSize), Price.of(ask), Quantity.of(askSize));
    }

    /** The engine's order of things: time moves to the event, the broker fills against it. */
    PaperBrokerFixture feed(MarketData data) {
        clock.set(data.timestamp());
        broker.onMarketData(data);
        return this;
    }

    /** Submits as a strategy would, at the current engine time; returns the order id. */
    ClientOrderId submit(OrderRequest request) {
        ClientOrderId id = ClientOrderId.of(StrategyId.of("s"), nextId++);
        broker.submit(new Order(id, StrategyId.of("s"), request, OrderStatus.SUBMITTED, Quantity.ZERO, Money.ZERO,
                null, clock.nanos(), clock.nanos(), BracketRole.NONE, null));
        return id;
    }

    List<Fill> fills() {
        return reports.stream().filter(Fill.class::isInstance).map(Fill.class::cast).toList();
    }

    <T extends BrokerReport> List<T> reportsOf(Class<T> type) {
        return reports.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<BrokerReport> reportsFor(ClientOrderId id) {
        return reports.stream().filter(r -> r.orderId().equals(id)).toList();
    }
}
