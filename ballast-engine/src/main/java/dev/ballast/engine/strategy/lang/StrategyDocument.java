package dev.ballast.engine.strategy.lang;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A strategy written in the strategy language, as loaded from YAML or JSON: what it trades, on which
 * bars, with which indicators, when it enters and exits, how it sizes, and how it protects a position.
 * Only data: it can do nothing but trade through the engine. Immutable.
 *
 * @param version     language version (1)
 * @param id          the strategy's id (letters, digits, '_' and '.'), used for its orders' ids
 * @param universe    the symbols it trades
 * @param timeframe   the bar spacing it expects ("1m", "5m", "1h", "1d")
 * @param indicators  named indicators, referred to by name in expressions
 * @param entry       when to open a position
 * @param exit        when to close it
 * @param sizing      how large a new position is
 * @param exits       protective exits, sent as a bracket with the entry; {@code null} for none
 * @param risk        per-strategy risk limits in the run configuration's shape (may only tighten the account's); may be null
 */
public record StrategyDocument(int version, String id, String description, List<String> universe, String timeframe,
                               Map<String, IndicatorSpec> indicators, Conditions entry, Conditions exit, Sizing sizing,
                               ExitRules exits, Map<String, Object> risk) {

    /** A declared indicator: {@code fast: {type: sma, source: close, period: 10}}. */
    public record IndicatorSpec(String type, String source, int period) {
    }

    /**
     * Boolean expressions: {@code longWhen} for long positions and, when given, {@code shortWhen} for
     * short ones (at entry: open; at exit: close).
     */
    public record Conditions(String longWhen, String shortWhen) {
    }

    /**
     * Position sizing; {@code mode} is one of {@code fixed} (quantity), {@code percentOfEquity}
     * (percent), {@code volatilityTarget} (targetVolatilityPct annualized, volatilityLookback bars) and
     * {@code fixedRisk} (riskPercent of equity lost if the stop-loss is hit; needs exits.stopLossPct).
     */
    public record Sizing(String mode, BigDecimal quantity, BigDecimal percent, BigDecimal targetVolatilityPct,
                         Integer volatilityLookback, BigDecimal riskPercent) {
    }

    /** Protective exits as percentages of the entry price; each may be null. */
    public record ExitRules(BigDecimal stopLossPct, BigDecimal takeProfitPct, BigDecimal trailingStopPct) {
    }
}
