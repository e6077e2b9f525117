package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.Secret;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.StrategyId;

import java.nio.file.Path;
import java.time.Duration;

/** A test venue and a FixBroker logged on to it, with the sink that records what the broker reports. */
final class FixHarness implements AutoCloseable {
    static final Clock CLOCK = () -> System.currentTimeMillis() * 1_000_000L;

    final Path root;
    final FixTestVenue venue;
    final RecordingSink sink = new RecordingSink();
    FixBroker broker;
    private final Secret password;
    private final Duration queryTimeout;
    private int logons;

    FixHarness(Path root, Secret password, Duration queryTimeout) {
        this.root = root;
        this.password = password;
        this.queryTimeout = queryTimeout;
        this.venue = new FixTestVenue(root.resolve("venue"));
        startBroker();
    }

    FixHarness(Path root) {
        this(root, null, Duration.ofSeconds(10));
    }

    Path clientStore() {
        return root.resolve("client");
    }

    /** Starts a broker (again, after {@link #stopBroker}: a process restart on the same store) and waits for its logon. */
    void startBroker() {
        broker = new FixBroker(venue.clientSettings(clientStore(), password, queryTimeout), CLOCK);
        broker.connect(sink);
        broker.start();
        sink.awaitConnected(true, ++logons);
    }

    void stopBroker() {
        broker.close();
    }

    static Order order(String id, OrderRequest request) {
        return Order.initialized(ClientOrderId.of(id), StrategyId.of("test"), request, 0, null, null)
                .withStatus(OrderStatus.SUBMITTED, 0);
    }

    @Override
    public void close() {
        if (broker != null) broker.close();
        venue.close();
    }
}
