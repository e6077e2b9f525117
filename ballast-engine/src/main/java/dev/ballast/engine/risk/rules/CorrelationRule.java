package dev.ballast.engine.risk.rules;

import java.util.Locale;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.risk.CorrelationLimits;
import dev.ballast.engine.risk.CorrelationTracker;
import dev.ballast.engine.risk.OrderCheck;
import dev.ballast.engine.risk.PreTradeRule;
import dev.ballast.engine.risk.RiskDecision;
import dev.ballast.model.RiskReason;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Symbol;

import java.util.Map;

/**
 * The correlated exposure of the order's symbol (positions whose return correlation with it reaches the
 * threshold, itself included) must stay within the cap, a share of equity.
 *
 * <p>For the order's symbol S at the scope being checked (the account, or a strategy with correlation
 * limits of its own; a scope without them is not checked here):
 *
 * <pre>
 *   correlated exposure = sum of |qty x last price x multiplier| over the scope's open positions P
 *                             with P = S, or |corr(S, P)| &gt;= threshold, or corr(S, P) unknown
 *                       + the scope's reserved exposure (every open order as if filled)
 *                       + the exposure this order adds (at its reference price)
 *   denied (CORRELATED_EXPOSURE) when correlated exposure &gt; maxCorrelatedExposure x equity
 * </pre>
 *
 * <ul>
 *   <li>Unknown correlation (NaN: fewer than {@code window} joint observations, or a zero variance)
 *       counts as correlated: fail closed, yet a first position still goes through if it fits the cap
 *       alone.</li>
 *   <li>Reserved exposure is not broken down by symbol, so all of it counts, whatever the symbols of
 *       the open orders: an upper bound on their correlated part. Safe (correlated orders sent before
 *       any fills cannot add up past the cap unseen), at the cost of denying early when many open
 *       orders are in unrelated symbols.</li>
 *   <li>Equity not positive denies (NO_EQUITY); a held symbol without a price denies
 *       (NO_REFERENCE_PRICE).</li>
 *   <li>The correlations come from the one tracker, with the account's window; a strategy's own limits
 *       bring their threshold and cap, not a window of their own.</li>
 * </ul>
 *
 * Orders that only reduce exposure never reach this rule (the RiskManager skips the exposure rules).
 */
public final class CorrelationRule implements PreTradeRule {
    private final CorrelationTracker tracker;
    private final PortfolioManager portfolio;

    public CorrelationRule(CorrelationTracker tracker, PortfolioManager portfolio) {
        this.tracker = tracker;
        this.portfolio = portfolio;
    }

    @Override
    public RiskDecision check(OrderCheck check) {
        CorrelationLimits limits = check.limits().correlation();
        if (limits == null) return RiskDecision.ALLOW;
        long equity = check.equity().raw();
        if (equity <= 0) {
            return RiskDecision.deny(RiskReason.NO_EQUITY, check.scopeName() + " correlation limit: equity "
                    + check.equity().toCents() + " is not positive");
        }
        Symbol symbol = check.order().symbol();
        double threshold = limits.threshold();
        Map<Symbol, Long> open = portfolio.openQuantities(check.scope().strategyId());
        long positions = 0;
        for (Map.Entry<Symbol, Long> entry : open.entrySet()) {
            Symbol held = entry.getKey();
            if (!counts(symbol, held, threshold)) continue;
            long value = value(held, entry.getValue());
            if (value < 0) return noPrice(check, held);
            positions = Math.addExact(positions, value);
        }
        long reserved = check.figures().reservedExposure();
        long added = check.notionalOf(check.exposureIncrease()).raw();
        long total = Math.addExact(Math.addExact(positions, reserved), added);
        long cap = limits.maxCorrelatedExposure().applyTo(equity);
        if (total <= cap) return RiskDecision.ALLOW;
        return RiskDecision.deny(RiskReason.CORRELATED_EXPOSURE, detail(check, limits, open, reserved, added, total, cap));
    }

    private boolean counts(Symbol symbol, Symbol held, double threshold) {
        if (held.equals(symbol)) return true;
        double correlation = tracker.correlation(symbol, held);
        return correlation != correlation || Math.abs(correlation) >= threshold;
    }

    /** |quantity x last price x multiplier|, or -1 when the symbol has no price. */
    private long value(Symbol held, long quantity) {
        Price last = portfolio.lastPrice(held);
        Instrument instrument = portfolio.instrument(held);
        if (last == null || instrument == null) return -1;
        return Math.abs(FixedPoint.notional(quantity, last.raw(), instrument.multiplier()));
    }

    private static RiskDecision noPrice(OrderCheck check, Symbol held) {
        return RiskDecision.deny(RiskReason.NO_REFERENCE_PRICE, check.scopeName() + " correlation limit: no price for "
                + held + " to value its position");
    }

    private String detail(OrderCheck check, CorrelationLimits limits, Map<Symbol, Long> open, long reserved, long added,
                          long total, long cap) {
        Symbol symbol = check.order().symbol();
        StringBuilder text = new StringBuilder();
        text.append(check.scopeName()).append(" correlated exposure of ").append(symbol).append(' ')
                .append(Money.ofRaw(total).toCents()).append(" over the cap ").append(Money.ofRaw(cap).toCents())
                .append(" (").append(limits.maxCorrelatedExposure().toPercent()).append(" of equity ")
                .append(check.equity().toCents()).append("; threshold |corr| >= ").append(limits.threshold())
                .append(", window ").append(tracker.window()).append("): ");
        boolean any = false;
        for (Map.Entry<Symbol, Long> entry : open.entrySet()) {
            Symbol held = entry.getKey();
            if (!counts(symbol, held, limits.threshold())) continue;
            if (any) text.append(", ");
            any = true;
            text.append(held).append(' ').append(Money.ofRaw(value(held, entry.getValue())).toCents());
            if (held.equals(symbol)) {
                text.append(" (itself)");
            } else {
                double correlation = tracker.correlation(symbol, held);
                if (correlation != correlation) {
                    text.append(" (corr unknown, ").append(tracker.observations(symbol, held)).append('/')
                            .append(tracker.window()).append(" observations: counted)");
                } else {
                    text.append(" (corr ").append(String.format(Locale.ROOT, "%.4f", correlation)).append(')');
                }
            }
        }
        if (!any) text.append("no correlated positions");
        text.append("; open orders ").append(Money.ofRaw(reserved).toCents())
                .append("; this order adds ").append(Money.ofRaw(added).toCents());
        return text.toString();
    }
}
