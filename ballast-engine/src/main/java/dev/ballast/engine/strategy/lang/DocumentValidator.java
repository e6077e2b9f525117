package dev.ballast.engine.strategy.lang;

import dev.ballast.model.StrategyId;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a loaded {@link StrategyDocument} before anything runs it, collecting every problem (it
 * does not stop at the first), each with the path of the field and what would be valid. Checks the
 * version, the id, the universe, the timeframe, the indicators, that every condition parses and is a
 * condition, the sizing and protective exits, and rules that contradict each other. The {@code risk}
 * section is left to the loader, which knows the run configuration's shape. Stateless and thread-safe.
 */
public final class DocumentValidator {
    public static final int MAX_UNIVERSE = 50;
    public static final int MAX_INDICATORS = 50;
    public static final int MAX_DESCRIPTION = 2000;
    public static final List<String> TIMEFRAMES = List.of("1m", "5m", "15m", "30m", "1h", "4h", "1d");
    public static final List<String> SIZING_MODES = List.of("fixed", "percentOfEquity", "volatilityTarget", "fixedRisk");
    /** A symbol: 1 to 32 letters, digits, '.', '_', '-' or '/', starting with a letter or digit. */
    public static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,31}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private DocumentValidator() {}

    /** Every problem of the document, in document order; empty when it is valid. */
    public static List<ValidationError> validate(StrategyDocument doc) {
        List<ValidationError> errors = new ArrayList<>();
        if (doc == null) {
            errors.add(new ValidationError("(document)", "is empty; expected a strategy document with version, id, universe, ..."));
            return errors;
        }
        new Run(doc, errors).all();
        return errors;
    }

    /**
     * Bars the strategy needs before all its conditions (and its volatility sizing) have a value: the
     * largest warm-up of its conditions. Meant for a valid document; parts that do not check count as 0.
     */
    public static int warmUpBars(StrategyDocument doc) {
        int bars = 0;
        List<String> expressions = new ArrayList<>();
        if (doc.entry() != null) {
            expressions.add(doc.entry().longWhen());
            expressions.add(doc.entry().shortWhen());
        }
        if (doc.exit() != null) {
            expressions.add(doc.exit().longWhen());
            expressions.add(doc.exit().shortWhen());
        }
        for (String source : expressions) {
            if (source == null) continue;
            try {
                bars = Math.max(bars, ExpressionChecker.check(ExpressionParser.parse(source), doc.indicators()).warmUpBars());
            } catch (ExpressionException e) {
                // reported by validate
            }
        }
        if (doc.sizing() != null && "volatilityTarget".equals(doc.sizing().mode()) && doc.sizing().volatilityLookback() != null) {
            bars = Math.max(bars, doc.sizing().volatilityLookback());
        }
        return bars;
    }

    private static final class Run {
        private final StrategyDocument doc;
        private final List<ValidationError> errors;

        Run(StrategyDocument doc, List<ValidationError> errors) {
            this.doc = doc;
            this.errors = errors;
        }

        void error(String path, String message) {
            errors.add(new ValidationError(path, message));
        }

        void all() {
            if (doc.version() != 1) error("version", "must be 1 (the only version of the language), was " + doc.version());
            id();
            if (doc.description() != null && doc.description().length() > MAX_DESCRIPTION) {
                error("description", "is " + doc.description().length() + " characters long; at most " + MAX_DESCRIPTION);
            }
            universe();
            if (doc.timeframe() == null) {
                error("timeframe", "is required; one of " + String.join(", ", TIMEFRAMES));
            } else if (!TIMEFRAMES.contains(doc.timeframe())) {
                error("timeframe", "'" + doc.timeframe() + "' is not a timeframe; one of " + String.join(", ", TIMEFRAMES));
            }
            indicators();
            conditions();
            ExitRules exits = exits();
            sizing(exits);
        }

        private void id() {
            if (doc.id() == null) {
                error("id", "is required: 1 to 40 letters, digits, '_' or '.'");
                return;
            }
            try {
                StrategyId.of(doc.id());
            } catch (IllegalArgumentException e) {
                error("id", "'" + doc.id() + "' is not valid: 1 to 40 letters, digits, '_' or '.'");
            }
        }

        private void universe() {
            List<String> universe = doc.universe();
            if (universe == null || universe.isEmpty()) {
                error("universe", "is required: a list of 1 to " + MAX_UNIVERSE + " symbols, as in [AAPL, MSFT]");
                return;
            }
            if (universe.size() > MAX_UNIVERSE) {
                error("universe", "has " + universe.size() + " symbols; at most " + MAX_UNIVERSE);
                return;   // one error, not thousands
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < universe.size(); i++) {
                String symbol = universe.get(i);
                String path = "universe[" + i + "]";
                if (symbol == null) {
                    error(path, "is empty; expected a symbol such as AAPL");
                } else if (!SYMBOL.matcher(symbol).matches()) {
                    error(path, "'" + printable(symbol) + "' is not a valid symbol: 1 to 32 letters, digits, '.', '_', '-' or '/', "
                            + "starting with a letter or digit");
                } else {
                    Integer first = seen.putIfAbsent(symbol, i);
                    if (first != null) error(path, "'" + symbol + "' is already listed at universe[" + first + "]; list each symbol once");
                }
            }
        }

        private void indicators() {
            Map<String, StrategyDocument.IndicatorSpec> indicators = doc.indicators();
            if (indicators == null) return;
            if (indicators.size() > MAX_INDICATORS) {
                error("indicators", "declares " + indicators.size() + " indicators; at most " + MAX_INDICATORS);
                return;
            }
            for (Map.Entry<String, StrategyDocument.IndicatorSpec> entry : indicators.entrySet()) {
                String name = entry.getKey();
                String path = "indicators." + name;
                if (!NAME.matcher(name).matches()) {
                    error(path, "'" + printable(name) + "' is not a usable name: 1 to 40 letters, digits and '_', not starting with a digit");
                } else if (ExpressionChecker.PRICE_FIELDS.contains(name)) {
                    error(path, "the name '" + name + "' is a price field; choose another (not "
                            + String.join(", ", ExpressionChecker.PRICE_FIELDS) + ")");
                } else if (ExpressionChecker.FUNCTIONS.contains(name) || ExpressionChecker.KEYWORDS.contains(name)) {
                    error(path, "the name '" + name + "' is a function or keyword of the language; choose another, such as "
                            + name + "_" + (entry.getValue() == null ? "1" : entry.getValue().period()));
                }
                StrategyDocument.IndicatorSpec spec = entry.getValue();
                if (spec == null) {
                    error(path, "is empty; expected {type: sma, source: close, period: 20}");
                    continue;
                }
                if (spec.type() == null) {
                    error(path + ".type", "is required; one of " + String.join(", ", ExpressionChecker.INDICATORS));
                } else if (!ExpressionChecker.INDICATORS.contains(spec.type())) {
                    error(path + ".type", "unknown indicator '" + printable(spec.type()) + "'; one of "
                            + String.join(", ", ExpressionChecker.INDICATORS));
                }
                if (spec.source() == null) {
                    error(path + ".source", "is required; one of " + String.join(", ", ExpressionChecker.PRICE_FIELDS));
                } else if (!ExpressionChecker.PRICE_FIELDS.contains(spec.source())) {
                    error(path + ".source", "'" + printable(spec.source()) + "' is not a price field; one of "
                            + String.join(", ", ExpressionChecker.PRICE_FIELDS));
                }
                int min = "stddev".equals(spec.type()) ? 2 : 1;
                if (spec.period() < min || spec.period() > ExpressionChecker.MAX_PERIOD) {
                    error(path + ".period", "must be a whole number from " + min + " to " + ExpressionChecker.MAX_PERIOD
                            + ", was " + spec.period() + (spec.period() == 0 ? " (or missing)" : ""));
                }
            }
        }

        private void conditions() {
            StrategyDocument.Conditions entry = doc.entry();
            StrategyDocument.Conditions exit = doc.exit();
            if (entry == null) {
                error("entry", "is required: entry: {longWhen: <condition>} (shortWhen optional)");
            } else {
                if (entry.longWhen() == null) error("entry.longWhen", "is required: the condition that opens a long position");
                condition("entry.longWhen", entry.longWhen());
                condition("entry.shortWhen", entry.shortWhen());
            }
            if (exit == null) {
                if (entry != null) error("exit", "is required: exit: {longWhen: <condition>} closes what entry opens");
            } else {
                condition("exit.longWhen", exit.longWhen());
                condition("exit.shortWhen", exit.shortWhen());
            }
            String entryLong = entry == null ? null : entry.longWhen();
            String entryShort = entry == null ? null : entry.shortWhen();
            String exitLong = exit == null ? null : exit.longWhen();
            String exitShort = exit == null ? null : exit.shortWhen();
            if (exit != null) {
                if (entryLong != null && exitLong == null) {
                    error("exit.longWhen", "is required when entry.longWhen is set: the condition that closes a long position");
                }
                if (entryShort != null && exitShort == null) {
                    error("exit.shortWhen", "is required when entry.shortWhen is set: a short entry needs a short exit");
                }
                if (entryLong == null && exitLong != null && entry != null) {
                    error("exit.longWhen", "has no effect without entry.longWhen");
                }
                if (entryShort == null && exitShort != null) {
                    error("exit.shortWhen", "has no effect without entry.shortWhen; remove it or add entry.shortWhen");
                }
            }
            if (same(entryLong, exitLong)) {
                error("exit.longWhen", "is the same condition as entry.longWhen: the position would close on the bar it opens; "
                        + "use the opposite condition, such as crosses_below for a crosses_above entry");
            }
            if (same(entryShort, exitShort)) {
                error("exit.shortWhen", "is the same condition as entry.shortWhen: the position would close on the bar it opens");
            }
            if (same(entryLong, entryShort)) {
                error("entry.shortWhen", "is the same condition as entry.longWhen: long and short would open on the same bar");
            }
        }

        private void condition(String path, String source) {
            if (source == null) return;
            try {
                ExpressionChecker.checkCondition(ExpressionParser.parse(source), doc.indicators());
            } catch (ExpressionException e) {
                error(path, e.getMessage());
            }
        }

        private ExitRules exits() {
            StrategyDocument.ExitRules exits = doc.exits();
            if (exits == null) return new ExitRules(null);
            BigDecimal stop = exits.stopLossPct();
            if (stop != null && (stop.signum() <= 0 || stop.compareTo(HUNDRED) >= 0)) {
                error("exits.stopLossPct", "must be above 0 and below 100 (percent of the entry price), was " + stop.toPlainString());
            }
            BigDecimal take = exits.takeProfitPct();
            if (take != null && (take.signum() <= 0 || take.compareTo(BigDecimal.valueOf(1000)) > 0)) {
                error("exits.takeProfitPct", "must be above 0 and at most 1000 (percent of the entry price), was " + take.toPlainString()
                        + (take.signum() <= 0 ? "; a take-profit at or below the entry price would close at a loss" : ""));
            }
            BigDecimal trail = exits.trailingStopPct();
            if (trail != null && (trail.signum() <= 0 || trail.compareTo(HUNDRED) >= 0)) {
                error("exits.trailingStopPct", "must be above 0 and below 100 (percent below the best price), was " + trail.toPlainString());
            }
            return new ExitRules(stop);
        }

        private record ExitRules(BigDecimal stopLossPct) {
        }

        private void sizing(ExitRules exits) {
            StrategyDocument.Sizing sizing = doc.sizing();
            if (sizing == null) {
                error("sizing", "is required: sizing: {mode: fixed, quantity: 100} (modes: " + String.join(", ", SIZING_MODES) + ")");
                return;
            }
            if (sizing.mode() == null || !SIZING_MODES.contains(sizing.mode())) {
                error("sizing.mode", (sizing.mode() == null ? "is required" : "unknown mode '" + printable(sizing.mode()) + "'")
                        + "; one of " + String.join(", ", SIZING_MODES));
                return;
            }
            Set<String> used = new HashSet<>();
            switch (sizing.mode()) {
                case "fixed" -> {
                    used.add("quantity");
                    range("sizing.quantity", sizing.quantity(), false, null, false, "shares or contracts per entry, above 0");
                }
                case "percentOfEquity" -> {
                    used.add("percent");
                    range("sizing.percent", sizing.percent(), false, HUNDRED, true, "percent of equity, above 0 and at most 100");
                }
                case "volatilityTarget" -> {
                    used.add("targetVolatilityPct");
                    used.add("volatilityLookback");
                    range("sizing.targetVolatilityPct", sizing.targetVolatilityPct(), false, BigDecimal.valueOf(200), true,
                            "annualized percent, above 0 and at most 200");
                    Integer lookback = sizing.volatilityLookback();
                    if (lookback == null) {
                        error("sizing.volatilityLookback", "is required for mode volatilityTarget: bars, 2 to 500");
                    } else if (lookback < 2 || lookback > 500) {
                        error("sizing.volatilityLookback", "must be 2 to 500 bars, was " + lookback);
                    }
                }
                case "fixedRisk" -> {
                    used.add("riskPercent");
                    range("sizing.riskPercent", sizing.riskPercent(), false, BigDecimal.TEN, true,
                            "percent of equity lost if the stop is hit, above 0 and at most 10");
                    if (exits.stopLossPct() == null) {
                        error("exits.stopLossPct", "is required for sizing mode fixedRisk: the size follows from the distance to the stop");
                    }
                }
                default -> throw new AssertionError(sizing.mode());
            }
            unused(used, "quantity", sizing.quantity(), sizing.mode());
            unused(used, "percent", sizing.percent(), sizing.mode());
            unused(used, "targetVolatilityPct", sizing.targetVolatilityPct(), sizing.mode());
            unused(used, "volatilityLookback", sizing.volatilityLookback(), sizing.mode());
            unused(used, "riskPercent", sizing.riskPercent(), sizing.mode());
        }

        private void unused(Set<String> used, String field, Object value, String mode) {
            if (value != null && !used.contains(field)) {
                error("sizing." + field, "is not used by mode " + mode + " (it uses " + String.join(", ", used.stream().sorted().toList())
                        + "); remove it or change the mode");
            }
        }

        private void range(String path, BigDecimal value, boolean zeroAllowed, BigDecimal max, boolean maxInclusive, String valid) {
            if (value == null) {
                error(path, "is required for sizing mode " + doc.sizing().mode() + ": " + valid);
                return;
            }
            boolean low = zeroAllowed ? value.signum() < 0 : value.signum() <= 0;
            boolean high = max != null && (maxInclusive ? value.compareTo(max) > 0 : value.compareTo(max) >= 0);
            if (low || high) error(path, "must be " + valid + ", was " + value.toPlainString());
        }
    }

    /** Same condition, ignoring whitespace. */
    private static boolean same(String a, String b) {
        return a != null && b != null && a.replaceAll("\\s+", "").equals(b.replaceAll("\\s+", ""));
    }

    /** A user's value, shortened and with control characters escaped, for an error message. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 60; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && Character.isISOControl(c))) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        if (out.length() >= 60 && value.length() > 60) out.append("...");
        return out.toString();
    }
}
