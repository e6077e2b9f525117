package dev.ballast.cli.metrics;

import dev.ballast.runtime.RunHandle;
import dev.ballast.runtime.RunSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Live metrics for one run: a Prometheus registry, the {@link MetricsServer} exposing it on loopback, and
 * the {@link EngineMetrics} listener {@link #attach attached} to the run's handle. Closing stops the server.
 *
 * <p>Threading: {@link #attach} runs on the engine thread before the first event; a scrape, on the server's thread,
 * asks the handle for a snapshot (built on the engine thread) and reads the registry's thread-safe meters.
 */
public final class LiveMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsServer server;
    /** The account's figures, taken from the run once per scrape, for the gauges to read. */
    private final AtomicReference<RunSnapshot.Account> account = new AtomicReference<>();
    private volatile RunHandle handle;

    private LiveMetrics(int port) {
        server = MetricsServer.start(port, this::scrape);
    }

    /** One snapshot of the run per scrape (not one per gauge), then the registry's text. */
    private String scrape() {
        RunHandle run = handle;
        if (run != null) {
            RunSnapshot snapshot = run.snapshot();
            if (snapshot != null) account.set(snapshot.account());
        }
        return registry.scrape();
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
        account.set(handle.snapshot().account());
        this.handle = handle;
        handle.subscribe(new EngineMetrics(registry, account::get, handle::arrivalPrice));
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
