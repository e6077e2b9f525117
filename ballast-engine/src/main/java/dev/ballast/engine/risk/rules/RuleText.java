package dev.ballast.engine.risk.rules;

import dev.ballast.model.FixedPoint;

/** Formatting of figures for deny details; only called on the deny path. */
final class RuleText {
    private RuleText() {
    }

    /** {@code part / whole} as a percentage with two decimals ("5.01%"); "n/a" when whole is 0. */
    static String percent(long part, long whole) {
        if (whole == 0) return "n/a";
        return FixedPoint.format(FixedPoint.multiply(FixedPoint.divide(part, whole), FixedPoint.ofUnits(100)), 2) + "%";
    }

    /** {@code a / b} with two decimals ("2.15"); "n/a" when b is 0. */
    static String ratio(long a, long b) {
        if (b == 0) return "n/a";
        return FixedPoint.format(FixedPoint.divide(a, b), 2);
    }

    /** Raw money with two decimals. */
    static String money(long raw) {
        return FixedPoint.format(raw, 2);
    }
}
