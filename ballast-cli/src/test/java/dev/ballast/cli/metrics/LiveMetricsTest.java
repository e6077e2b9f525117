package dev.ballast.cli.metrics;

import java.util.HashMap;
import dev.ballast.runtime.RunSnapshot;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.RiskReason;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.TradingStateChanged;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The metrics listener fed engine events, served by the real HTTP endpoint and scraped over HTTP. */
class LiveMetricsTest {
    private static final long MS = 1_000_000L;
    private static final StrategyId SMA = StrategyId.of("sma");
    private static final Symbol SYM = Symbol.of("SYM");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<RunSnapshot.Account> snapshot = new AtomicReference<>(snapshot("1000", "1500", "500"));
    private final Map<ClientOrderId, Price> arrivals = new HashMap<>();
    private final EngineMetrics metrics = new EngineMetrics(registry, snapshot::get, arrivals::get);
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static RunSnapshot.Account snapshot(String cash, String equity, String gross) {
        return new RunSnapshot.Account(Money.of("1000"), Money.of(cash), Money.of(equity), Money.ZERO, Money.ZERO,
                Money.ZERO, Money.of(gross), Money.of(gross));
    }

    private static Order order(String id, OrderSide side) {
        return Order.initialized(ClientOrderId.of(id), SMA, OrderRequest.market(SYM, side, Quantity.ofUnits(10)), 0,
                BracketRole.NONE, null);
    }

    private void update(Order order, OrderStatus previous, long time) {
        metrics.onEvent(new OrderUpdated(order, previous, time));
    }

    private void fill(Order order, String price, long time) {
        metrics.onEvent(new FillBooked(new Fill(order.id(), "t-" + order.id().value() + time, SYM, order.side(), Quantity.ofUnits(5),
                Price.of(price), Money.ZERO, time), SMA, time));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample line {@code series} (name with labels as exposed). */
    private static double value(String body, String series) {
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
        }
        throw new AssertionError("no sample " + series + " in:\n" + body);
    }

    @Test
    void scrapeShowsWhatTheEngineDid() throws Exception {
        server = MetricsServer.start(0, registry::scrape);
        // A buy filled in two parts, acknowledged after 2 ms, first fill at 5 ms, 10 bps worse than arrival.
        Order a = order("a", OrderSide.BUY);
        arrivals.put(a.id(), Price.of("100.00"));
        update(a.withStatus(OrderStatus.SUBMITTED, 0), OrderStatus.INITIALIZED, 0);
        update(a.withStatus(OrderStatus.ACCEPTED, 2 * MS), OrderStatus.SUBMITTED, 2 * MS);
        Order partly = a.withFill(Quantity.ofUnits(5), Price.of("100.05"), 5 * MS).withStatus(OrderStatus.PARTIALLY_FILLED, 5 * MS);
        update(partly, OrderStatus.ACCEPTED, 5 * MS);
        fill(a, "100.05", 5 * MS);
        Order done = partly.withFill(Quantity.ofUnits(5), Price.of("100.15"), 9 * MS).withStatus(OrderStatus.FILLED, 9 * MS);
        update(done, OrderStatus.PARTIALLY_FILLED, 9 * MS);
        fill(a, "100.15", 9 * MS);
        // A sell the broker rejected, one the risk checks denied, a fill for an unknown order.
        Order b = order("b", OrderSide.SELL);
        update(b.withStatus(OrderStatus.SUBMITTED, 10 * MS), OrderStatus.INITIALIZED, 10 * MS);
        update(b.withStatus(OrderStatus.REJECTED, 11 * MS), OrderStatus.SUBMITTED, 11 * MS);
        Order c = order("c", OrderSide.SELL);
        metrics.onEvent(new OrderDenied(c, RiskReason.MAX_ORDER_NOTIONAL, "limit 5000, value 9000", 12 * MS));
        update(c.withStatus(OrderStatus.DENIED, 12 * MS), OrderStatus.INITIALIZED, 12 * MS);
        fill(order("x", OrderSide.BUY), "99", 13 * MS);
        // The account halts; a strategy's own state does not move the account gauge.
        metrics.onEvent(new TradingStateChanged(null, TradingState.ACTIVE, TradingState.HALTED, TradingStateReason.DRAWDOWN_HALT, "-12%", 14 * MS));
        metrics.onEvent(new TradingStateChanged(SMA, TradingState.ACTIVE, TradingState.REDUCE_ONLY, TradingStateReason.PERFORMANCE_BREAKER, "", 14 * MS));
        snapshot.set(snapshot("2000", "1234.5", "750"));

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        String body = response.body();
        assertThat(value(body, "ballast_fills_total")).isEqualTo(3.0);
        assertThat(value(body, "ballast_orders_submitted_total")).isEqualTo(2.0);
        assertThat(value(body, "ballast_orders_total{status=\"FILLED\"}")).isEqualTo(1.0);
        assertThat(value(body, "ballast_orders_total{status=\"REJECTED\"}")).isEqualTo(1.0);
        assertThat(value(body, "ballast_orders_total{status=\"DENIED\"}")).isEqualTo(1.0);
        assertThat(value(body, "ballast_orders_total{status=\"CANCELED\"}")).isEqualTo(0.0);
        assertThat(value(body, "ballast_broker_rejects_total")).isEqualTo(1.0);
        assertThat(value(body, "ballast_risk_denials_total{reason=\"MAX_ORDER_NOTIONAL\"}")).isEqualTo(1.0);
        assertThat(value(body, "ballast_trading_state")).isEqualTo(2.0);
        assertThat(value(body, "ballast_equity")).isEqualTo(1234.5);
        assertThat(value(body, "ballast_cash")).isEqualTo(2000.0);
        assertThat(value(body, "ballast_gross_exposure")).isEqualTo(750.0);
        // Latencies in engine time: 2 ms to the acknowledgement (b was never acknowledged), 5 ms to the first fill.
        assertThat(value(body, "ballast_order_time_to_ack_seconds_count")).isEqualTo(1.0);
        assertThat(value(body, "ballast_order_time_to_ack_seconds_sum")).isCloseTo(0.002, within(1e-9));
        assertThat(value(body, "ballast_order_time_to_fill_seconds_count")).isEqualTo(1.0);
        assertThat(value(body, "ballast_order_time_to_fill_seconds_sum")).isCloseTo(0.005, within(1e-9));
        assertThat(body).contains("ballast_order_time_to_fill_seconds_bucket{le=");
        // Average fill 100.10 against arrival 100.00 for a buy: 10 bps adverse.
        assertThat(value(body, "ballast_order_slippage_bps_count{direction=\"adverse\"}")).isEqualTo(1.0);
        assertThat(value(body, "ballast_order_slippage_bps_sum{direction=\"adverse\"}")).isCloseTo(10.0, within(1e-6));
        assertThat(value(body, "ballast_order_slippage_bps_bucket{direction=\"adverse\",le=\"5.0\"}")).isEqualTo(0.0);
        assertThat(value(body, "ballast_order_slippage_bps_bucket{direction=\"adverse\",le=\"10.0\"}")).isEqualTo(1.0);
        assertThat(value(body, "ballast_order_slippage_bps_count{direction=\"favorable\"}")).isEqualTo(0.0);
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        server = MetricsServer.start(0, registry::scrape);

        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        assertThat(get("/admin").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        server = MetricsServer.start(0, registry::scrape);

        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        int port = server.address().getPort();
        // Where the machine has another IPv4 address, nothing answers on it.
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!(address instanceof Inet4Address)) continue;
                assertThatThrownBy(() -> new Socket(address, port).close()).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void portsOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> MetricsServer.start(65536, registry::scrape)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricsServer.start(-1, registry::scrape)).isInstanceOf(IllegalArgumentException.class);
    }
}
