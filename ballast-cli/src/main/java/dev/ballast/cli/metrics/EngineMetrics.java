package dev.ballast.cli.metrics;

import dev.ballast.model.RiskReason;
import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.engine.portfolio.PortfolioSnapshot;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderStatus;
import dev.ballast.engine.monitor.ExecutionMonitor;
import dev.ballast.model.Price;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.TradingStateChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine's events as Micrometer meters (the names below are as Prometheus shows them):
 * <ul>
 *   <li>{@code ballast_orders_submitted_total}: orders sent to the broker;</li>
 *   <li>{@code ballast_orders_total{status}}: orders by final status (FILLED, CANCELED, EXPIRED, REJECTED, DENIED);</li>
 *   <li>{@code ballast_fills_total}; {@code ballast_risk_denials_total{reason}}; {@code ballast_broker_rejects_total};
 *       {@code ballast_strategy_quarantines_total{strategy,reason}};</li>
 *   <li>{@code ballast_order_slippage_bps{direction}}: a finished order's average fill price against its arrival
 *       price, in basis points, as a histogram; direction {@code adverse} (cost) or {@code favorable}, since a
 *       distribution summary only takes amounts of zero and above;</li>
 *   <li>{@code ballast_order_time_to_ack_seconds}, {@code ballast_order_time_to_fill_seconds}: from submission to
 *       the broker's acknowledgement and to the first fill, in engine time, as histograms;</li>
 *   <li>gauges {@code ballast_equity}, {@code ballast_cash}, {@code ballast_gross_exposure} (from the engine's
 *       published {@link PortfolioSnapshot}) and {@code ballast_trading_state} (the account's: 0 active,
 *       1 reduce-only, 2 halted).</li>
 * </ul>
 *
 * <p>Threading: {@link #on} runs on the engine thread and keeps its per-order bookkeeping in plain maps
 * only that thread touches; the scrape thread reads the gauges, which read the immutable snapshot (a
 * volatile reference the engine publishes) or an atomic, and Micrometer's own thread-safe meters.
 */
public final class EngineMetrics implements EngineEventListener {
    private final MeterRegistry registry;
    private final Function<ClientOrderId, Price> arrivalPrices;
    private final Counter submitted;
    private final Counter fills;
    private final Counter brokerRejects;
    private final Map<OrderStatus, Counter> finished = new EnumMap<>(OrderStatus.class);
    private final Map<RiskReason, Counter> denials = new EnumMap<>(RiskReason.class);
    private final Map<String, Counter> quarantines = new HashMap<>();
    private final DistributionSummary adverseSlippage;
    private final DistributionSummary favorableSlippage;
    private final Timer timeToAck;
    private final Timer timeToFill;
    private final AtomicInteger accountState = new AtomicInteger(0);
    private final Map<ClientOrderId, Timing> open = new HashMap<>();

    /**
     * @param snapshot      the engine's last published portfolio snapshot, safe from any thread
     * @param arrivalPrices the arrival price of an order (engine thread), the benchmark for slippage
     */
    public EngineMetrics(MeterRegistry registry, Supplier<PortfolioSnapshot> snapshot,
                         Function<ClientOrderId, Price> arrivalPrices) {
        this.registry = registry;
        this.arrivalPrices = arrivalPrices;
        submitted = Counter.builder("ballast.orders.submitted").description("Orders sent to the broker").register(registry);
        fills = Counter.builder("ballast.fills").description("Fills booked").register(registry);
        brokerRejects = Counter.builder("ballast.broker.rejects").description("Orders the broker rejected").register(registry);
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isTerminal()) {
                finished.put(status, Counter.builder("ballast.orders").tag("status", status.name())
                        .description("Orders by final status").register(registry));
            }
        }
        double[] slippageBuckets = {0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
        adverseSlippage = slippage("adverse", slippageBuckets);
        favorableSlippage = slippage("favorable", slippageBuckets);
        timeToAck = latency("ballast.order.time.to.ack", "From submission to the broker's acknowledgement (engine time)");
        timeToFill = latency("ballast.order.time.to.fill", "From submission to the first fill (engine time)");
        // Strong references: a gauge holds its source weakly by default, and nothing else holds these suppliers.
        Gauge.builder("ballast.equity", snapshot, s -> s.get().equity().toDouble())
                .description("Account equity (last published snapshot)").strongReference(true).register(registry);
        Gauge.builder("ballast.cash", snapshot, s -> s.get().cash().toDouble())
                .description("Account cash (last published snapshot)").strongReference(true).register(registry);
        Gauge.builder("ballast.gross.exposure", snapshot, s -> s.get().grossExposure().toDouble())
                .description("Gross exposure (last published snapshot)").strongReference(true).register(registry);
        Gauge.builder("ballast.trading.state", accountState, AtomicInteger::get)
                .description("The account's trading state: 0 active, 1 reduce-only, 2 halted").strongReference(true).register(registry);
    }

    private DistributionSummary slippage(String direction, double[] buckets) {
        return DistributionSummary.builder("ballast.order.slippage").baseUnit("bps").tag("direction", direction)
                .description("Average fill price against arrival price of finished orders, in basis points")
                .serviceLevelObjectives(buckets).register(registry);
    }

    private Timer latency(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
    }

    /** The account's trading state as the gauge shows it. */
    static int code(TradingState state) {
        return switch (state) {
            case ACTIVE -> 0;
            case REDUCE_ONLY -> 1;
            case HALTED -> 2;
        };
    }

    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case OrderUpdated updated -> onOrder(updated);
            case FillBooked booked -> fills.increment();
            case OrderDenied denied -> denials.computeIfAbsent(denied.reasonCode(), reason -> Counter.builder("ballast.risk.denials")
                    .tag("reason", reason.name()).description("Orders the risk checks denied").register(registry)).increment();
            case TradingStateChanged change -> {
                if (change.isAccount()) accountState.set(code(change.to()));
            }
            case StrategyQuarantined q -> quarantines.computeIfAbsent(q.strategyId().value() + "\u0000" + q.reason().name(),
                    key -> Counter.builder("ballast.strategy.quarantines").tag("strategy", q.strategyId().value())
                            .tag("reason", q.reason().name()).description("Strategies quarantined").register(registry)).increment();
            default -> { }
        }
    }

    private void onOrder(OrderUpdated updated) {
        Order order = updated.order();
        OrderStatus status = order.status();
        long now = updated.timestamp();
        if (status == OrderStatus.SUBMITTED && updated.previous() == OrderStatus.INITIALIZED) {
            submitted.increment();
            open.put(order.id(), new Timing(now));
        }
        Timing timing = open.get(order.id());
        if (timing != null) {
            boolean filling = status == OrderStatus.PARTIALLY_FILLED || status == OrderStatus.FILLED;
            // A venue may fill before acknowledging: the fill is the acknowledgement then.
            if (!timing.acknowledged && (status == OrderStatus.ACCEPTED || filling)) {
                timing.acknowledged = true;
                timeToAck.record(Duration.ofNanos(Math.max(0, now - timing.submittedAt)));
            }
            if (!timing.filled && filling) {
                timing.filled = true;
                timeToFill.record(Duration.ofNanos(Math.max(0, now - timing.submittedAt)));
            }
        }
        if (!status.isTerminal()) return;
        open.remove(order.id());
        finished.get(status).increment();
        if (status == OrderStatus.REJECTED) brokerRejects.increment();
        double bps = ExecutionMonitor.slippageBps(order, arrivalPrices.apply(order.id()));
        if (!Double.isNaN(bps)) {
            if (bps >= 0) adverseSlippage.record(bps);
            else favorableSlippage.record(-bps);
        }
    }

    /** Engine time of an open order's submission and which of its latencies are recorded. Engine thread only. */
    private static final class Timing {
        final long submittedAt;
        boolean acknowledged;
        boolean filled;

        Timing(long submittedAt) {
            this.submittedAt = submittedAt;
        }
    }
}
