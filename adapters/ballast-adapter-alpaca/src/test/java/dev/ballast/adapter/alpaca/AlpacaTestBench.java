package dev.ballast.adapter.alpaca;

import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A fake Alpaca, an adapter on it and a recording sink, started and connected: what every adapter test begins with.
 * Close it to stop both.
 */
final class AlpacaTestBench implements AutoCloseable {
    static final Clock WALL_CLOCK = () -> System.currentTimeMillis() * 1_000_000L;
    private static final StrategyId STRATEGY = StrategyId.of("alpha");

    final AlpacaFake fake;
    final AlpacaBroker broker;
    final RecordingSink sink = new RecordingSink();
    private long sequence;

    private AlpacaTestBench(AlpacaFake fake, AlpacaSettings settings) {
        this(fake, new AlpacaBroker(settings, WALL_CLOCK));
    }

    private AlpacaTestBench(AlpacaFake fake, AlpacaBroker broker) {
        this.fake = fake;
        this.broker = broker;
        broker.connect(sink);
    }

    /** Started on {@code fake}, with the stream connected, the adapter keeping its lists in {@code folder}. */
    static AlpacaTestBench keepingPostedOrders(AlpacaFake fake, AlpacaSettings settings, Path folder) {
        return keepingPostedOrders(fake, settings, folder, Instant.now());
    }

    /** As {@link #keepingPostedOrders(AlpacaFake, AlpacaSettings, Path)}, of a run that started at {@code runStart}. */
    static AlpacaTestBench keepingPostedOrders(AlpacaFake fake, AlpacaSettings settings, Path folder, Instant runStart) {
        AlpacaTestBench bench = new AlpacaTestBench(fake, new AlpacaBroker(settings, WALL_CLOCK, runStart, folder));
        bench.broker.start();
        bench.sink.awaitConnections(1);
        return bench;
    }

    /** Started, with the stream connected. */
    static AlpacaTestBench connected() {
        AlpacaTestBench bench = started();
        bench.sink.awaitConnections(1);
        return bench;
    }

    static AlpacaTestBench started() {
        AlpacaFake fake = new AlpacaFake();
        AlpacaTestBench bench = new AlpacaTestBench(fake, fake.settings());
        bench.broker.start();
        return bench;
    }

    static AlpacaTestBench on(AlpacaFake fake, AlpacaSettings settings) {
        AlpacaTestBench bench = new AlpacaTestBench(fake, settings);
        bench.broker.start();
        return bench;
    }

    Order market(String symbol, OrderSide side, String quantity) {
        return order(OrderRequest.market(Symbol.of(symbol), side, Quantity.of(quantity)));
    }

    Order limit(String symbol, OrderSide side, String quantity, String price) {
        return order(OrderRequest.limit(Symbol.of(symbol), side, Quantity.of(quantity), Price.of(price)));
    }

    Order order(OrderRequest request) {
        long now = WALL_CLOCK.nanos();
        return Order.initialized(ClientOrderId.of(STRATEGY, ++sequence), STRATEGY, request, now, null, null)
                .withStatus(OrderStatus.SUBMITTED, now);
    }

    @Override
    public void close() throws IOException {
        broker.close();
        fake.close();
    }
}
