package dev.ballast.engine.risk;

import dev.ballast.model.TradingStateReason;
import dev.ballast.engine.bus.EngineEventBus;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.StrategyId;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.TradingStateChanged;

import java.util.HashMap;
import java.util.Map;

/**
 * The trading states (ACTIVE, REDUCE_ONLY, HALTED) of the account and of each strategy, with why each
 * is what it is and, for a timed pause (a circuit breaker's cooldown), when it lifts. States only
 * escalate by themselves; going back to ACTIVE takes an operator, a new trading day (where
 * configured) or the end of a cooldown. Every change is published as a {@link TradingStateChanged}.
 *
 * <p>Owned by the engine thread; not thread-safe.
 */
public final class TradingStates {
    private final Clock clock;
    private final EngineEventBus events;
    private final Entry account = new Entry();
    private final Map<StrategyId, Entry> strategies = new HashMap<>();
    /** The earliest timed resume pending, so that {@link #onTime} costs one comparison when none is due. */
    private long earliestResume = Long.MAX_VALUE;

    public TradingStates(Clock clock, EngineEventBus events) {
        this.clock = clock;
        this.events = events;
    }

    /** The state of one scope on its own. */
    public TradingState state(RiskScope scope) {
        Entry entry = entry(scope, false);
        return entry == null ? TradingState.ACTIVE : entry.state;
    }

    /** What applies to a strategy's orders: the stricter of the account's state and its own. */
    public TradingState effective(StrategyId strategy) {
        Entry own = strategies.get(strategy);
        return own == null ? account.state : account.state.max(own.state);
    }

    /** The reason code of a scope's current state, or {@code null} when ACTIVE. */
    public TradingStateReason reason(RiskScope scope) {
        Entry entry = entry(scope, false);
        return entry == null ? null : entry.reason;
    }

    /**
     * Moves a scope to {@code to} if that is stricter than where it is; returns whether it changed.
     *
     * @param resumeAt engine time at which the scope goes back to ACTIVE by itself, or {@code Long.MAX_VALUE}
     */
    public boolean escalate(RiskScope scope, TradingState to, TradingStateReason reasonCode, String detail, long resumeAt) {
        Entry entry = entry(scope, true);
        if (to.ordinal() <= entry.state.ordinal()) return false;
        change(scope, entry, to, reasonCode, detail, resumeAt);
        return true;
    }

    /** Back to ACTIVE (an operator's reset, a new day, a cooldown's end); returns whether it changed. */
    public boolean resume(RiskScope scope, TradingStateReason reasonCode, String detail) {
        Entry entry = entry(scope, false);
        if (entry == null || entry.state == TradingState.ACTIVE) return false;
        change(scope, entry, TradingState.ACTIVE, reasonCode, detail, Long.MAX_VALUE);
        return true;
    }

    /** Lifts the timed pauses whose time has come. Cheap when none is pending. */
    public void onTime(long now) {
        if (now < earliestResume) return;
        if (account.resumeAt <= now) resume(RiskScope.ACCOUNT, TradingStateReason.COOLDOWN_ENDED, "pause of the account ended");
        for (Map.Entry<StrategyId, Entry> e : strategies.entrySet()) {
            if (e.getValue().resumeAt <= now) {
                resume(RiskScope.of(e.getKey()), TradingStateReason.COOLDOWN_ENDED, "pause of strategy " + e.getKey() + " ended");
            }
        }
        earliestResume = Long.MAX_VALUE;
        if (account.resumeAt < earliestResume) earliestResume = account.resumeAt;
        for (Entry entry : strategies.values()) {
            if (entry.resumeAt < earliestResume) earliestResume = entry.resumeAt;
        }
    }

    private void change(RiskScope scope, Entry entry, TradingState to, TradingStateReason reasonCode, String detail, long resumeAt) {
        TradingState from = entry.state;
        entry.state = to;
        entry.reason = to == TradingState.ACTIVE ? null : reasonCode;
        entry.resumeAt = resumeAt;
        if (resumeAt < earliestResume) earliestResume = resumeAt;
        events.publish(new TradingStateChanged(scope.strategyId(), from, to, reasonCode, detail, clock.nanos()));
    }

    private Entry entry(RiskScope scope, boolean create) {
        if (scope.isAccount()) return account;
        return create ? strategies.computeIfAbsent(scope.strategyId(), id -> new Entry()) : strategies.get(scope.strategyId());
    }

    private static final class Entry {
        TradingState state = TradingState.ACTIVE;
        TradingStateReason reason;
        long resumeAt = Long.MAX_VALUE;
    }
}
