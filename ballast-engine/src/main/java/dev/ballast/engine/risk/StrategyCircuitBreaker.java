package dev.ballast.engine.risk;

import java.util.Arrays;
import java.util.Locale;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.RequestRefused;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.HashMap;
import java.util.Map;

/**
 * Strategy performance monitoring and the broker-reject breaker: per strategy, rolling P&L over its
 * last trades, drawdown, consecutive losses, win rate, error count and reject rate; crossing a
 * threshold of {@link PerformanceLimits} halts the strategy for its cooldown and cancels its orders;
 * a burst of broker rejects ({@link BreakerLimits}) pauses it. Owned by the engine thread.
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li><b>Trade</b>: a {@link FillBooked} of the strategy that reduces (closes all or part of) a
 *       position the strategy held in that symbol. Its <b>result</b> is the realized P&amp;L the fill
 *       booked (read from the {@link PortfolioManager}: the strategy's realized P&amp;L after the fill
 *       minus what it was after its previous closing fill) minus the fill's whole commission. A partial
 *       fill is a trade of its own; a fill that closes and flips the position is one trade (its
 *       commission is all charged to it); opening fills are not trades and their commission is not in
 *       any trade result (it is in the loss limits' equity).</li>
 *   <li><b>Window</b>: the last {@code window} trades (fewer at the start and after a reset).</li>
 *   <li><b>Rolling P&amp;L</b>: the sum of the results in the window; trips when it is
 *       <em>below</em> {@code minRollingPnl} (equal passes). Judged from the first trade.</li>
 *   <li><b>Rolling drawdown</b>: over the cumulative sum of the window's results, starting at 0 before
 *       its oldest trade, the largest fall from a running peak to a later point; trips when it is
 *       <em>above</em> {@code maxRollingDrawdown}. Judged from the first trade.</li>
 *   <li><b>Consecutive losses</b>: trades in a row with a result below 0 (not bounded by the window); a
 *       result of 0 or more ends the run. {@code maxConsecutiveLosses} is the most allowed: it trips
 *       when the count goes above it (with 3, the fourth loss in a row trips).</li>
 *   <li><b>Win rate</b>: trades in the window with a result above 0, over the trades in the window;
 *       judged once the window holds at least {@code minTrades} trades; trips when below
 *       {@code minWinRate}.</li>
 *   <li><b>Errors</b>: the strategy's {@link RequestRefused} (cancel or modify of an order not its own,
 *       or an invalid modify; not a cancel or modify that lost the race with a fill or an expiry, which
 *       is routine in real time) and its {@link OrderDenied}, except denials that only say what state the
 *       engine is in rather than anything about the order ({@code TRADING_HALTED}, {@code REDUCE_ONLY},
 *       {@code STALE_MARKET_DATA}, {@code NO_REFERENCE_PRICE}): a strategy that keeps sending orders the
 *       risk rules deny is misbehaving, but one that is denied because it is halted is not erring again.
 *       Counted since the last reset (the start, or the last trip); trips when the count goes above
 *       {@code maxErrors}.</li>
 *   <li><b>Reject rate</b>: among the strategy's last {@code window} submitted orders (INITIALIZED to
 *       SUBMITTED, the engine's flatten orders in its name included), the share the broker rejected;
 *       judged at each reject once at least {@code minTrades} orders are in; trips when above
 *       {@code maxRejectRate}.</li>
 * </ul>
 * A trip halts the strategy ({@code PERFORMANCE_BREAKER}, the detail names the figure and its
 * threshold) until engine time {@code now + cooldown}, when {@link TradingStates#onTime} lifts it, and
 * cancels its open orders. At a trip every rolling figure of the strategy is reset (trades, losing run,
 * errors, orders and rejects), so that after the cooldown it starts afresh instead of tripping again at
 * once on the same history. If the strategy is already halted (by an operator, a loss limit or a reject
 * pause) the trip does not change its state (states only escalate) but still cancels and resets.
 *
 * <p><b>Broker-reject burst</b>: {@code maxBrokerRejects} rejects of one strategy's orders within
 * {@code rejectWindow} (the first and the last of them at most that far apart, inclusive) pause the
 * strategy: HALTED {@code BROKER_REJECT_BURST} until {@code now + rejectPause}, orders canceled; the
 * burst count starts again from zero.
 *
 * <p>Time is engine time: the events' timestamps. The realized P&amp;L bookkeeping assumes the breaker
 * sees every {@link FillBooked} from the start of the run (it is built with the RiskManager and
 * subscribed first), so a strategy's realized P&amp;L before its first fill is 0. Steady state allocates
 * nothing except one P&amp;L figure read per closing fill, and the messages of a trip; strategies
 * without thresholds cost one map lookup per event that names them.
 */
public final class StrategyCircuitBreaker {
    /** Denials that describe the engine's state, not the order: not the strategy's errors. */
    private static final Set<RiskReason> STATE_DENIALS = EnumSet.of(RiskReason.TRADING_HALTED, RiskReason.REDUCE_ONLY,
            RiskReason.STALE_MARKET_DATA, RiskReason.NO_REFERENCE_PRICE);

    private final RiskConfig config;
    private final PortfolioManager portfolio;
    private final TradingStates states;
    private final RiskActions actions;
    private final boolean enabled;
    private final boolean burstEnabled;
    private final Map<StrategyId, Tracker> trackers = new HashMap<>();

    public StrategyCircuitBreaker(RiskConfig config, PortfolioManager portfolio, TradingStates states, RiskActions actions) {
        this.config = config;
        this.portfolio = portfolio;
        this.states = states;
        this.actions = actions;
        BreakerLimits breakers = config.breakers();
        this.burstEnabled = breakers.maxBrokerRejects() != null && breakers.rejectWindow() != null
                && breakers.rejectPause() != null && breakers.maxBrokerRejects() > 0;
        boolean any = burstEnabled || hasThresholds(config.account().performance());
        for (RiskLimits limits : config.strategies().values()) any |= hasThresholds(limits.performance());
        this.enabled = any;
    }

    static boolean hasThresholds(PerformanceLimits limits) {
        return limits != null && (limits.minRollingPnl() != null || limits.maxRollingDrawdown() != null
                || limits.maxConsecutiveLosses() != null || limits.minWinRate() != null || limits.maxErrors() != null
                || limits.maxRejectRate() != null);
    }

    /** Follows fills, rejects, denials and refusals. */
    public void on(EngineEvent event) {
        if (!enabled) return;
        switch (event) {
            case FillBooked booked -> {
                Tracker tracker = tracker(booked.strategyId());
                if (tracker != null && tracker.limits != null) onFill(tracker, booked);
            }
            case FillCorrectionBooked corrected -> resync(corrected.strategyId(), corrected.corrected().symbol());
            case FillBustBooked busted -> resync(busted.strategyId(), busted.original().symbol());
            case OrderUpdated updated -> {
                OrderStatus status = updated.order().status();
                if (status == OrderStatus.SUBMITTED && updated.previous() == OrderStatus.INITIALIZED) {
                    Tracker tracker = tracker(updated.order().strategyId());
                    if (tracker != null && tracker.limits != null && tracker.limits.maxRejectRate() != null) {
                        tracker.submitted(updated.order().id());
                    }
                } else if (status == OrderStatus.REJECTED && updated.previous() != OrderStatus.REJECTED) {
                    Tracker tracker = tracker(updated.order().strategyId());
                    if (tracker != null) onReject(tracker, updated.order(), updated.timestamp());
                }
            }
            case OrderDenied denied -> {
                if (isStateDenial(denied.reasonCode())) return;
                Tracker tracker = tracker(denied.order().strategyId());
                if (tracker != null) onError(tracker, "order " + denied.order().id() + " denied " + denied.reasonCode(),
                        denied.timestamp());
            }
            // A cancel or modify that lost the race with a fill or an expiry is not the strategy's error.
            case RequestRefused refused when refused.kind() == RequestRefused.Kind.NO_LONGER_WORKING -> { }
            case RequestRefused refused -> {
                Tracker tracker = tracker(refused.strategyId());
                if (tracker != null) onError(tracker, refused.request() + " of " + refused.orderId() + " refused",
                        refused.timestamp());
            }
            default -> { }
        }
    }

    private static boolean isStateDenial(RiskReason reasonCode) {
        return STATE_DENIALS.contains(reasonCode);
    }

    /** The tracker of a strategy, or {@code null} when nothing is watched for it. */
    private Tracker tracker(StrategyId id) {
        if (id == null) return null;
        Tracker tracker = trackers.get(id);
        if (tracker == null) {
            PerformanceLimits limits = PortfolioManager.UNATTRIBUTED.equals(id) ? null : config.performance(id);
            tracker = new Tracker(id, hasThresholds(limits) ? limits : null,
                    burstEnabled && !PortfolioManager.UNATTRIBUTED.equals(id) ? config.breakers().maxBrokerRejects() : 0);
            trackers.put(id, tracker);
        }
        return tracker.limits == null && tracker.rejectTimes == null ? null : tracker;
    }

    private void onFill(Tracker tracker, FillBooked booked) {
        Fill fill = booked.fill();
        long[] position = tracker.positions.get(fill.symbol());
        if (position == null) {
            position = new long[1];
            tracker.positions.put(fill.symbol(), position);
        }
        long before = position[0];
        long signed = fill.side().sign() * fill.quantity().raw();
        position[0] = before + signed;
        if (before == 0 || Long.signum(before) == Long.signum(signed)) return;
        long realized = portfolio.strategyPnl(tracker.id).realized().raw();
        long result = realized - tracker.realized - fill.commission().raw();
        tracker.realized = realized;
        tracker.trade(result);
        checkTrades(tracker, booked.timestamp());
    }

    /**
     * A venue corrected or busted a fill of the strategy (the books are already restated): its position in the symbol
     * and the realized P&L the next trade is measured from are taken from the books again, so that the next trade's
     * result is its own. Trades already counted keep their results.
     */
    private void resync(StrategyId strategyId, Symbol symbol) {
        Tracker tracker = tracker(strategyId);
        if (tracker == null || tracker.limits == null) return;
        tracker.positions.put(symbol, new long[] {portfolio.position(strategyId, symbol).quantity().raw()});
        tracker.realized = portfolio.strategyPnl(strategyId).realized().raw();
    }

    private void checkTrades(Tracker t, long now) {
        PerformanceLimits limits = t.limits;
        String why = null;
        if (limits.minRollingPnl() != null && t.sum < limits.minRollingPnl().raw()) {
            why = "rolling P&L " + cents(t.sum) + " over the last " + t.count + " trades is below the minimum "
                    + limits.minRollingPnl().toCents();
        } else if (limits.maxRollingDrawdown() != null && t.drawdown() > limits.maxRollingDrawdown().raw()) {
            why = "rolling drawdown " + cents(t.drawdown()) + " over the last " + t.count + " trades is above the maximum "
                    + limits.maxRollingDrawdown().toCents();
        } else if (limits.maxConsecutiveLosses() != null && t.consecutiveLosses > limits.maxConsecutiveLosses()) {
            why = t.consecutiveLosses + " losing trades in a row, more than the maximum " + limits.maxConsecutiveLosses();
        } else if (limits.minWinRate() != null && t.count >= Math.max(1, limits.minTrades())
                && t.wins * FixedPoint.SCALE < limits.minWinRate().raw() * t.count) {
            why = "win rate " + percent(t.wins, t.count) + " (" + t.wins + " of " + t.count + " trades) is below the minimum "
                    + limits.minWinRate().toPercent();
        }
        if (why != null) trip(t, why, now);
    }

    private void onError(Tracker t, String what, long now) {
        if (t.limits == null || t.limits.maxErrors() == null) return;
        t.errors++;
        if (t.errors > t.limits.maxErrors()) {
            trip(t, t.errors + " errors since the last reset, more than the maximum " + t.limits.maxErrors()
                    + " (last: " + what + ")", now);
        }
    }

    private void onReject(Tracker t, Order order, long now) {
        if (t.limits != null && t.limits.maxRejectRate() != null && t.rejected(order.id())) {
            int orders = t.orderCount;
            if (orders >= Math.max(1, t.limits.minTrades())
                    && t.rejectsInWindow * FixedPoint.SCALE > t.limits.maxRejectRate().raw() * orders) {
                trip(t, "reject rate " + percent(t.rejectsInWindow, orders) + " (" + t.rejectsInWindow + " of the last "
                        + orders + " orders rejected by the broker) is above the maximum " + t.limits.maxRejectRate().toPercent(), now);
                return;
            }
        }
        if (t.rejectTimes != null && t.burst(now, config.breakers().rejectWindow().toNanos())) {
            BreakerLimits breakers = config.breakers();
            RiskScope scope = RiskScope.of(t.id);
            t.clearBurst();
            String detail = "strategy " + t.id + ": " + breakers.maxBrokerRejects() + " broker rejects within "
                    + breakers.rejectWindow() + " (limit " + breakers.maxBrokerRejects() + " within " + breakers.rejectWindow()
                    + "); paused for " + breakers.rejectPause();
            states.escalate(scope, TradingState.HALTED, TradingStateReason.BROKER_REJECT_BURST, detail, plus(now, breakers.rejectPause()));
            actions.cancelOpenOrders(scope, "broker reject burst");
        }
    }

    /** Halts the strategy for its cooldown, cancels its orders, and starts its figures afresh. */
    private void trip(Tracker t, String why, long now) {
        RiskScope scope = RiskScope.of(t.id);
        t.reset();
        // Reset before acting: the cancels publish events that come back here.
        states.escalate(scope, TradingState.HALTED, TradingStateReason.PERFORMANCE_BREAKER,
                "strategy " + t.id + ": " + why + "; disabled for " + t.limits.cooldown(), plus(now, t.limits.cooldown()));
        actions.cancelOpenOrders(scope, "performance breaker: " + why);
    }

    private static long plus(long now, Duration duration) {
        long nanos = duration == null ? Long.MAX_VALUE : duration.toNanos();
        long sum = now + nanos;
        return ((now ^ sum) & (nanos ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static String cents(long raw) {
        return Money.ofRaw(raw).toCents();
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }

    /** The rolling figures of one strategy. */
    private static final class Tracker {
        final StrategyId id;
        final PerformanceLimits limits;
        final Map<Symbol, long[]> positions = new HashMap<>();
        /** The strategy's realized P&L after its last closing fill. */
        long realized;
        // Trade results, a ring of the last `window`.
        final long[] results;
        int head;
        int count;
        long sum;
        int wins;
        int consecutiveLosses;
        int errors;
        // Submitted orders, a ring of the last `window`, and which of them the broker rejected.
        final ClientOrderId[] orderIds;
        final boolean[] orderRejected;
        int orderHead;
        int orderCount;
        int rejectsInWindow;
        // Times of the latest broker rejects, for the burst breaker (null when it is off).
        final long[] rejectTimes;
        int burstHead;
        int burstCount;

        Tracker(StrategyId id, PerformanceLimits limits, int maxBrokerRejects) {
            this.id = id;
            this.limits = limits;
            int window = limits == null ? 0 : Math.max(1, limits.window());
            this.results = new long[window];
            boolean rejectRate = limits != null && limits.maxRejectRate() != null;
            this.orderIds = new ClientOrderId[rejectRate ? window : 0];
            this.orderRejected = new boolean[rejectRate ? window : 0];
            this.rejectTimes = maxBrokerRejects > 0 ? new long[maxBrokerRejects] : null;
        }

        void trade(long result) {
            if (count == results.length) {
                long oldest = results[head];
                sum -= oldest;
                if (oldest > 0) wins--;
            } else {
                count++;
            }
            results[head] = result;
            head = (head + 1) % results.length;
            sum += result;
            if (result > 0) wins++;
            consecutiveLosses = result < 0 ? consecutiveLosses + 1 : 0;
        }

        /** Peak-to-trough fall of the cumulative result over the window, oldest first, from 0. */
        long drawdown() {
            long cumulative = 0;
            long peak = 0;
            long worst = 0;
            int start = count == results.length ? head : 0;
            for (int i = 0; i < count; i++) {
                cumulative += results[(start + i) % results.length];
                if (cumulative > peak) peak = cumulative;
                if (peak - cumulative > worst) worst = peak - cumulative;
            }
            return worst;
        }

        void submitted(ClientOrderId order) {
            if (orderCount == orderIds.length) {
                if (orderRejected[orderHead]) rejectsInWindow--;
            } else {
                orderCount++;
            }
            orderIds[orderHead] = order;
            orderRejected[orderHead] = false;
            orderHead = (orderHead + 1) % orderIds.length;
        }

        /** Marks a submitted order in the window as rejected; false when it is not in the window. */
        boolean rejected(ClientOrderId order) {
            for (int i = 0; i < orderCount; i++) {
                int slot = (orderHead - 1 - i + orderIds.length) % orderIds.length;
                if (order.equals(orderIds[slot])) {
                    if (orderRejected[slot]) return false;
                    orderRejected[slot] = true;
                    rejectsInWindow++;
                    return true;
                }
            }
            return false;
        }

        /** Records a reject at {@code now}; whether the last {@code maxBrokerRejects} lie within {@code window}. */
        boolean burst(long now, long window) {
            rejectTimes[burstHead] = now;
            burstHead = (burstHead + 1) % rejectTimes.length;
            if (burstCount < rejectTimes.length) burstCount++;
            if (burstCount < rejectTimes.length) return false;
            long oldest = rejectTimes[burstHead];
            return now - oldest <= window;
        }

        void clearBurst() {
            burstCount = 0;
            burstHead = 0;
        }

        void reset() {
            head = 0;
            count = 0;
            sum = 0;
            wins = 0;
            consecutiveLosses = 0;
            errors = 0;
            Arrays.fill(orderIds, null);
            Arrays.fill(orderRejected, false);
            orderHead = 0;
            orderCount = 0;
            rejectsInWindow = 0;
            if (rejectTimes != null) clearBurst();
        }
    }
}
