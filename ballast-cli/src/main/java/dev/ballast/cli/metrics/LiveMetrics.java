package dev.ballast.cli.metrics;

import dev.ballast.runtime.RunHandle;
import dev.ballast.runtime.RunSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Live metrics for one run: a Prometheus registry, the {@link MetricsServer} exposing it on loopback, and
 * the {@link EngineMetrics} listener {@link #attach attached} to the run's handle. Closing stops the server.
 */
public final class LiveMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsServer server;

    private LiveMetrics(int port) {
        server = MetricsServer.start(port, registry::scrape);
    }

    /** Starts the endpoint on 127.0.0.1:{@code port} (0 = any free port). */
    public static LiveMetrics start(int port) {
        return new LiveMetrics(port);
    }

    /**
     * Subscribes the metrics listener to the run through its {@code handle} (before the first event, so it hears
     * every one); the account gauges read the handle's snapshot at each scrape.
     */
    public void attach(RunHandle handle) {
        handle.subscribe(new EngineMetrics(registry, () -> account(handle), handle::arrivalPrice));
    }

    private static RunSnapshot.Account account(RunHandle handle) {
        RunSnapshot snapshot = handle.snapshot();
        return snapshot.account();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
        registry.close();
    }
}
