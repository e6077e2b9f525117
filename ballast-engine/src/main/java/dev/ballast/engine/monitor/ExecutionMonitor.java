package dev.ballast.engine.monitor;

import java.util.Locale;
import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.BrokerReconciled;
import dev.ballast.model.event.ExecutionAlert;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OperatorCommandRefused;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.StrategyUnquarantined;
import dev.ballast.model.event.RequestRefused;
import dev.ballast.model.event.RiskActionRequested;
import dev.ballast.model.event.OrderApproved;
import dev.ballast.model.event.TradingStateChanged;
import dev.ballast.model.event.StrategyQuarantined;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ExecutionMonitor: for every order, arrival price, fills, slippage in basis points, time to
 * acknowledgement and to fill; the account's equity curve; and the notable events of the run
 * (denials, quarantines, trading-state changes, anomalies) for the summary. A listener of the engine's events.
 *
 * <p>Owned by the engine thread; not thread-safe. Read its results after the run.
 */
public final class ExecutionMonitor implements EngineEventListener {
    private final Map<ClientOrderId, Tracker> trackers = new LinkedHashMap<>();
    private final Map<ClientOrderId, Price> arrivalPrices = new HashMap<>();
    private final EquityCurve equityCurve = new EquityCurve();
    private final List<StrategyQuarantined> quarantines = new ArrayList<>();
    private final List<AnomalyFlagged> anomalies = new ArrayList<>();
    private final List<TradingStateChanged> stateChanges = new ArrayList<>();
    private final Map<String, Long> denialsByReason = new LinkedHashMap<>();
    private final List<ExecutionAlert> alerts = new ArrayList<>();
    private AlertBands alertBands = AlertBands.OFF;
    private Consumer<ExecutionAlert> alertSink;
    private EquityObserver equityObserver;
    private long observedTime = Long.MIN_VALUE;
    private long observedEquity;
    private boolean observationPending;
    private long fills;
    private long refusedRequests;

    /** Told once per completed timestamp, with the equity at its end; for analytics sampling the books then. */
    @FunctionalInterface
    public interface EquityObserver {
        void onEquity(long time, long equityRaw);
    }

    /**
     * Sets the band an order's execution quality should stay in; {@code sink} (may be null) is told of
     * every {@link ExecutionAlert} as it is raised, besides {@link #alerts()}.
     */
    public void setAlertBands(AlertBands bands, Consumer<ExecutionAlert> sink) {
        this.alertBands = bands == null ? AlertBands.OFF : bands;
        this.alertSink = sink;
    }

    /** Sets the bands and keeps the sink (the engine wires its event bus as the sink). */
    public void setAlertBands(AlertBands bands) {
        this.alertBands = bands == null ? AlertBands.OFF : bands;
    }

    /** Observer of each completed timestamp (one at most; null removes it). */
    public void setEquityObserver(EquityObserver observer) {
        this.equityObserver = observer;
    }

    /** The price the strategy saw when it asked for {@code orderId}: the benchmark for slippage. */
    public void recordArrival(ClientOrderId orderId, Price arrivalPrice) {
        if (arrivalPrice != null) arrivalPrices.put(orderId, arrivalPrice);
    }

    /** The arrival price recorded for {@code orderId}, or null. */
    public Price arrivalPrice(ClientOrderId orderId) {
        return arrivalPrices.get(orderId);
    }

    /** Equity after the engine processed an event at {@code time}. */
    public void recordEquity(long time, long equityRaw) {
        equityCurve.record(time, equityRaw);
        observedTime = time;
        observedEquity = equityRaw;
        observationPending = true;
    }

    /**
     * Before the engine handles an event at {@code time}: when time moves on, the completed timestamp
     * goes to the equity observer, once, while the books still show its end (sampling every event
     * would cost the observer's work on every bar).
     */
    public void beforeEvent(long time) {
        if (observationPending && time != observedTime && equityObserver != null) {
            observationPending = false;
            equityObserver.onEquity(observedTime, observedEquity);
        }
    }

    /** At the end of the run: the last timestamp goes to the equity observer. */
    public void finish() {
        if (observationPending && equityObserver != null) {
            observationPending = false;
            equityObserver.onEquity(observedTime, observedEquity);
        }
    }

    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case OrderUpdated updated -> onOrder(updated);
            case FillBooked booked -> {
                fills++;
                Tracker tracker = trackers.get(booked.fill().orderId());
                if (tracker != null) {
                    tracker.commission = tracker.commission.plus(booked.fill().commission());
                    if (tracker.firstFillAt < 0) tracker.firstFillAt = booked.timestamp();
                }
            }
            case OrderDenied denied -> denialsByReason.merge(denied.reasonCode().name(), 1L, Long::sum);
            case StrategyQuarantined quarantined -> quarantines.add(quarantined);
            case AnomalyFlagged anomaly -> anomalies.add(anomaly);
            case RequestRefused refused -> refusedRequests++;
            case TradingStateChanged change -> stateChanges.add(change);
            case OrderApproved approved -> { }
            case ExecutionAlert alert -> { } // raised here (see checkBands); nothing more to track
            case BrokerReconciled reconciled -> { }
            case StrategyUnquarantined unquarantined -> { }
            case OperatorCommandRefused refused -> { }
            case RiskActionRequested requested -> { } // its cancels and orders are tracked as orders
            // The order's filled quantity and average price (slippage, shortfall) follow its OrderUpdated.
            case FillBustBooked busted -> {
                fills--;
                Tracker tracker = trackers.get(busted.original().orderId());
                if (tracker != null) tracker.commission = tracker.commission.minus(busted.original().commission());
            }
            case FillCorrectionBooked corrected -> {
                Tracker tracker = trackers.get(corrected.original().orderId());
                if (tracker != null) {
                    tracker.commission = tracker.commission.minus(corrected.original().commission())
                            .plus(corrected.corrected().commission());
                }
            }
        }
    }

    private void onOrder(OrderUpdated updated) {
        Order order = updated.order();
        Tracker tracker = trackers.computeIfAbsent(order.id(), id -> new Tracker());
        tracker.order = order;
        // A booked correction or bust restates the order in its status: no new milestone to time.
        if (updated.previous() == order.status() && order.status().isTerminal()) return;
        long now = updated.timestamp();
        switch (order.status()) {
            case SUBMITTED -> tracker.submittedAt = now;
            case ACCEPTED -> {
                if (tracker.acknowledgedAt < 0) tracker.acknowledgedAt = now;
            }
            case PARTIALLY_FILLED, FILLED -> {
                // A venue may fill before acknowledging: the fill is the acknowledgement then.
                if (tracker.acknowledgedAt < 0) tracker.acknowledgedAt = now;
                if (order.status() == OrderStatus.FILLED) tracker.completedAt = now;
            }
            default -> {
                if (order.status().isTerminal()) tracker.completedAt = now;
            }
        }
        if (order.status().isTerminal() && !tracker.checked) {
            tracker.checked = true;
            checkBands(tracker, now);
        }
    }

    private void checkBands(Tracker tracker, long now) {
        Order order = tracker.order;
        if (alertBands.maxAbsSlippageBps() != null) {
            double slippage = slippageBps(order, arrivalPrices.get(order.id()));
            if (!Double.isNaN(slippage) && Math.abs(slippage) > alertBands.maxAbsSlippageBps()) {
                raise(new ExecutionAlert(ExecutionAlert.Kind.SLIPPAGE, order.id(), order.strategyId(), order.symbol(),
                        slippage, alertBands.maxAbsSlippageBps(), String.format(Locale.ROOT,
                        "slippage %.2f bps beyond the band of %.2f bps", slippage, alertBands.maxAbsSlippageBps()), now));
            }
        }
        if (alertBands.maxTimeToFillMs() != null && order.status() == OrderStatus.FILLED && tracker.submittedAt >= 0) {
            double millis = (tracker.completedAt - tracker.submittedAt) / 1e6;
            if (millis > alertBands.maxTimeToFillMs()) {
                raise(new ExecutionAlert(ExecutionAlert.Kind.TIME_TO_FILL, order.id(), order.strategyId(), order.symbol(),
                        millis, alertBands.maxTimeToFillMs(), String.format(Locale.ROOT,
                        "time to fill %.3f ms beyond the band of %.3f ms", millis, alertBands.maxTimeToFillMs()), now));
            }
        }
    }

    private void raise(ExecutionAlert alert) {
        alerts.add(alert);
        if (alertSink != null) alertSink.accept(alert);
    }

    /** Signed slippage in basis points (positive = worse than arrival), NaN without arrival or fills. */
    public static double slippageBps(Order order, Price arrival) {
        if (arrival == null || order.averageFillPrice() == null || arrival.raw() == 0) return Double.NaN;
        return order.side().sign() * (order.averageFillPrice().toDouble() - arrival.toDouble())
                / arrival.toDouble() * 10_000.0;
    }

    /** Alerts raised so far, in order. */
    public List<ExecutionAlert> alerts() {
        return Collections.unmodifiableList(alerts);
    }

    /** Execution records of every order, in creation order. */
    public List<OrderExecution> executions() {
        List<OrderExecution> result = new ArrayList<>(trackers.size());
        for (Map.Entry<ClientOrderId, Tracker> entry : trackers.entrySet()) {
            Tracker tracker = entry.getValue();
            Order order = tracker.order;
            Price arrival = arrivalPrices.get(entry.getKey());
            double slippage = slippageBps(order, arrival);
            result.add(new OrderExecution(order.id(), order.strategyId(), order.symbol(), order.side(), order.quantity(),
                    order.status(), arrival, order.filledQuantity(), order.averageFillPrice(), slippage,
                    tracker.commission, tracker.submittedAt, tracker.acknowledgedAt, tracker.firstFillAt,
                    tracker.completedAt));
        }
        return result;
    }

    public EquityCurve equityCurve() {
        return equityCurve;
    }

    public List<StrategyQuarantined> quarantines() {
        return Collections.unmodifiableList(quarantines);
    }

    /** Every change of the account's or a strategy's trading state, in order. */
    public List<TradingStateChanged> stateChanges() {
        return Collections.unmodifiableList(stateChanges);
    }

    public List<AnomalyFlagged> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }

    public Map<String, Long> denialsByReason() {
        return Collections.unmodifiableMap(denialsByReason);
    }

    /** Cancel and modify requests the engine refused. */
    public long refusedRequestCount() {
        return refusedRequests;
    }

    /** Fills booked and still standing (a busted trade no longer counts). */
    public long fillCount() {
        return fills;
    }

    private static final class Tracker {
        Order order;
        Money commission = Money.ZERO;
        long submittedAt = -1;
        long acknowledgedAt = -1;
        long firstFillAt = -1;
        long completedAt = -1;
        boolean checked;
    }
}
