package dev.ballast.cli.lifecycle;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a registered strategy is in its life, and the only legal moves between the states (this table is
 * the one place they are defined):
 * <pre>
 * CANDIDATE  -> BACKTESTED   the backtest gate passed
 * BACKTESTED -> PAPER        an operator promotes it to paper trading
 * PAPER      -> LIVE         the paper probation passed and a named operator approved it
 * any state but RETIRED -> RETIRED
 * </pre>
 * Nothing leaves RETIRED, and no state moves to itself.
 */
public enum LifecycleState {
    CANDIDATE, BACKTESTED, PAPER, LIVE, RETIRED;

    private static final Map<LifecycleState, Set<LifecycleState>> NEXT = Map.of(
            CANDIDATE, EnumSet.of(BACKTESTED, RETIRED),
            BACKTESTED, EnumSet.of(PAPER, RETIRED),
            PAPER, EnumSet.of(LIVE, RETIRED),
            LIVE, EnumSet.of(RETIRED),
            RETIRED, EnumSet.noneOf(LifecycleState.class));

    /** Whether a strategy in this state may move to {@code target}. */
    public boolean canMoveTo(LifecycleState target) {
        return NEXT.get(this).contains(target);
    }

    /** The states this one may move to. */
    public Set<LifecycleState> next() {
        return Set.copyOf(NEXT.get(this));
    }

    /** The state a strategy must be in to move to {@code target}; null for RETIRED (any live state) and CANDIDATE (none). */
    public static LifecycleState required(LifecycleState target) {
        return switch (target) {
            case BACKTESTED -> CANDIDATE;
            case PAPER -> BACKTESTED;
            case LIVE -> PAPER;
            case CANDIDATE, RETIRED -> null;
        };
    }

    /** Why this state may not move to {@code target}, for the operator: "X is CANDIDATE; PAPER needs BACKTESTED first". */
    public String refusal(String id, LifecycleState target) {
        if (this == RETIRED) return id + " is RETIRED; nothing leaves RETIRED";
        if (this == target) return id + " is already " + this;
        LifecycleState required = required(target);
        if (required == null) return id + " is " + this + "; it cannot move to " + target;
        return id + " is " + this + "; " + target + " needs " + required + " first";
    }
}
