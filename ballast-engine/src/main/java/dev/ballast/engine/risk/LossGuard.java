package dev.ballast.engine.risk;

import java.util.Locale;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.EpochNanos;

import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.Money;
import dev.ballast.model.StrategyId;
import dev.ballast.model.TradingState;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Watches equity after every price move and fill: the daily loss from the start-of-day equity (a
 * trading day starts at midnight in the configured zone) halts a scope; the drawdown from its
 * high-water mark puts it in REDUCE_ONLY at the first level and halts it at the second. The account's
 * equity is checked on every event; a strategy's (initial cash plus its net P&L, as if it traded the
 * account alone) each time engine time moves on.
 *
 * <p>Owned by the engine thread; not thread-safe.
 */
final class LossGuard {
    private final PortfolioManager portfolio;
    private final TradingStates states;
    private final ZoneId zone;
    private final Tracker account;
    private final List<Tracker> strategies = new ArrayList<>();
    private final RiskActions actions;
    private long nextDayStart = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;

    LossGuard(RiskConfig config, PortfolioManager portfolio, TradingStates states, RiskActions actions) {
        this.portfolio = portfolio;
        this.actions = actions;
        this.states = states;
        this.zone = config.tradingDayZone();
        this.account = hasLimits(config.account().loss()) ? new Tracker(RiskScope.ACCOUNT, config.account().loss()) : null;
        for (Map.Entry<StrategyId, RiskLimits> entry : config.strategies().entrySet()) {
            if (hasLimits(entry.getValue().loss())) strategies.add(new Tracker(RiskScope.of(entry.getKey()), entry.getValue().loss()));
        }
    }

    private static boolean hasLimits(LossLimits limits) {
        return limits.maxDailyLoss() != null || limits.maxDailyLossFraction() != null
                || limits.reduceOnlyDrawdown() != null || limits.haltDrawdown() != null;
    }

    /** After the engine handled an event at {@code now}, with the account's equity. */
    void onEquity(long now, long accountEquity) {
        if (account == null && strategies.isEmpty()) return;
        if (now >= nextDayStart) newDay(now, accountEquity);
        if (account != null) account.check(accountEquity);
        if (now != lastTime && !strategies.isEmpty()) {
            for (Tracker tracker : strategies) tracker.check(strategyEquity(tracker.scope.strategyId()));
        }
        lastTime = now;
    }

    /**
     * Starts a new trading day as soon as engine time is in it, before anything is judged at {@code now}
     * (the RiskManager calls it ahead of its state gate): a halt that lifts at the next day then lets
     * that day's first orders through. A later day's start-of-day equity is the last equity checked, so
     * this changes nothing else; the first day still starts in {@link #onEquity}, which knows the equity.
     */
    void onTime(long now) {
        if (nextDayStart != Long.MIN_VALUE && now >= nextDayStart) newDay(now, Long.MIN_VALUE);
    }

    /** A scope's loss figures against its limits, or null when it has no loss limits (engine thread). */
    LossUse use(RiskScope scope) {
        Tracker tracker = null;
        if (scope.isAccount()) {
            tracker = account;
        } else {
            for (Tracker candidate : strategies) {
                if (candidate.scope.equals(scope)) tracker = candidate;
            }
        }
        return tracker == null || nextDayStart == Long.MIN_VALUE ? null : tracker.use();
    }

    /** Loss figures of one scope, as money; a limit it does not have is null. */
    record LossUse(Money dailyLoss, Money maxDailyLoss, Money drawdown, Money reduceOnlyDrawdown, Money haltDrawdown) {
    }

    private long strategyEquity(StrategyId strategy) {
        return portfolio.initialCash().raw() + portfolio.strategyPnl(strategy).net().raw();
    }

    private void newDay(long now, long accountEquity) {
        boolean first = nextDayStart == Long.MIN_VALUE;
        Instant instant = EpochNanos.toInstant(now);
        Instant next = instant.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        nextDayStart = EpochNanos.of(next);
        if (account != null) account.startDay(first ? accountEquity : account.lastEquity, first);
        for (Tracker tracker : strategies) {
            tracker.startDay(first ? strategyEquity(tracker.scope.strategyId()) : tracker.lastEquity, first);
        }
    }

    /** The loss figures of one scope. */
    private final class Tracker {
        final RiskScope scope;
        final LossLimits limits;
        long startOfDay;
        long dailyFloor = Long.MIN_VALUE;
        long highWater = Long.MIN_VALUE;
        long lastEquity;

        Tracker(RiskScope scope, LossLimits limits) {
            this.scope = scope;
            this.limits = limits;
        }

        void startDay(long equity, boolean first) {
            startOfDay = equity;
            long floor = Long.MIN_VALUE;
            if (limits.maxDailyLoss() != null) floor = Math.max(floor, equity - limits.maxDailyLoss().raw());
            if (limits.maxDailyLossFraction() != null) floor = Math.max(floor, equity - limits.maxDailyLossFraction().applyTo(equity));
            dailyFloor = floor;
            if (first) lastEquity = equity;
            if (!first && limits.resumeNextDay() && states.reason(scope) == TradingStateReason.DAILY_LOSS_LIMIT) {
                states.resume(scope, TradingStateReason.NEW_TRADING_DAY, "a new trading day started; start-of-day equity " + Money.ofRaw(equity).toCents());
            }
        }

        LossUse use() {
            long high = Math.max(highWater, lastEquity);
            return new LossUse(Money.ofRaw(Math.max(0, startOfDay - lastEquity)),
                    dailyFloor == Long.MIN_VALUE ? null : Money.ofRaw(startOfDay - dailyFloor),
                    Money.ofRaw(Math.max(0, high - lastEquity)),
                    limits.reduceOnlyDrawdown() == null ? null : Money.ofRaw(limits.reduceOnlyDrawdown().applyTo(high)),
                    limits.haltDrawdown() == null ? null : Money.ofRaw(limits.haltDrawdown().applyTo(high)));
        }

        void check(long equity) {
            lastEquity = equity;
            // At the limit counts as breached: "falls by X" includes exactly X.
            if (equity <= dailyFloor && states.state(scope) != TradingState.HALTED) {
                String detail = scope + " equity " + Money.ofRaw(equity).toCents() + " is " + Money.ofRaw(startOfDay - equity).toCents()
                        + " below the start-of-day " + Money.ofRaw(startOfDay).toCents() + "; daily loss limit "
                        + describeDailyLimit();
                if (states.escalate(scope, TradingState.HALTED, TradingStateReason.DAILY_LOSS_LIMIT, detail, Long.MAX_VALUE)) {
                    actions.cancelOpenOrders(scope, "daily loss limit");
                    if (limits.flattenOnHalt()) actions.flatten(scope, "daily loss limit");
                }
            }
            if (equity > highWater) highWater = equity;
            if (highWater <= 0) return;
            long drawdown = highWater - equity;
            if (limits.haltDrawdown() != null && drawdown >= limits.haltDrawdown().applyTo(highWater)
                    && drawdown > 0 && states.state(scope) != TradingState.HALTED) {
                if (states.escalate(scope, TradingState.HALTED, TradingStateReason.DRAWDOWN_HALT, drawdownDetail(drawdown, limits.haltDrawdown()),
                        Long.MAX_VALUE)) {
                    actions.cancelOpenOrders(scope, "drawdown halt");
                }
            } else if (limits.reduceOnlyDrawdown() != null && drawdown > 0
                    && drawdown >= limits.reduceOnlyDrawdown().applyTo(highWater) && states.state(scope) == TradingState.ACTIVE) {
                if (states.escalate(scope, TradingState.REDUCE_ONLY, TradingStateReason.DRAWDOWN_REDUCE_ONLY,
                        drawdownDetail(drawdown, limits.reduceOnlyDrawdown()), Long.MAX_VALUE)) {
                    actions.cancelOpenOrders(scope, "drawdown reduce-only");
                }
            }
        }

        private String describeDailyLimit() {
            List<String> parts = new ArrayList<>();
            if (limits.maxDailyLoss() != null) parts.add(limits.maxDailyLoss().toCents());
            if (limits.maxDailyLossFraction() != null) parts.add(limits.maxDailyLossFraction().toPercent());
            return String.join(" / ", parts);
        }

        private String drawdownDetail(long drawdown, Ratio level) {
            return scope + " drawdown " + Money.ofRaw(drawdown).toCents() + " ("
                    + String.format(Locale.ROOT, "%.2f%%", 100.0 * drawdown / highWater)
                    + ") from the high-water mark " + Money.ofRaw(highWater).toCents() + " reached the " + level.toPercent() + " level";
        }
    }
}
