package dev.ballast.engine.strategy.lang;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentValidatorTest {
    private static final StrategyDocument.Sizing FIXED_100 = new StrategyDocument.Sizing("fixed", BigDecimal.valueOf(100), null, null, null, null);

    static StrategyDocument valid() {
        Map<String, StrategyDocument.IndicatorSpec> indicators = new LinkedHashMap<>();
        indicators.put("fast", new StrategyDocument.IndicatorSpec("sma", "close", 10));
        indicators.put("slow", new StrategyDocument.IndicatorSpec("sma", "close", 30));
        return new StrategyDocument(1, "sma_cross", "SMA crossover", List.of("AAPL", "MSFT"), "1d", indicators,
                new StrategyDocument.Conditions("crosses_above(fast, slow)", null),
                new StrategyDocument.Conditions("crosses_below(fast, slow)", null), FIXED_100, null, null);
    }

    private static List<String> errors(StrategyDocument doc) {
        return DocumentValidator.validate(doc).stream().map(ValidationError::toString).toList();
    }

    private static StrategyDocument with(UnaryOperator<Builder> change) {
        return change.apply(new Builder(valid())).build();
    }

    /** A mutable copy of a document, for tests. */
    static final class Builder {
        int version; String id; List<String> universe; String timeframe; Map<String, StrategyDocument.IndicatorSpec> indicators;
        StrategyDocument.Conditions entry, exit; StrategyDocument.Sizing sizing; StrategyDocument.ExitRules exits;

        Builder(StrategyDocument d) {
            version = d.version(); id = d.id(); universe = d.universe(); timeframe = d.timeframe();
            indicators = new LinkedHashMap<>(d.indicators()); entry = d.entry(); exit = d.exit(); sizing = d.sizing(); exits = d.exits();
        }

        Builder version(int v) { version = v; return this; }
        Builder id(String v) { id = v; return this; }
        Builder universe(List<String> v) { universe = v; return this; }
        Builder timeframe(String v) { timeframe = v; return this; }
        Builder indicator(String name, String type, String source, int period) {
            indicators.put(name, new StrategyDocument.IndicatorSpec(type, source, period)); return this;
        }
        Builder entry(String l, String s) { entry = new StrategyDocument.Conditions(l, s); return this; }
        Builder exit(String l, String s) { exit = new StrategyDocument.Conditions(l, s); return this; }
        Builder sizing(String mode, String q, String p, String v, Integer lb, String r) {
            sizing = new StrategyDocument.Sizing(mode, d(q), d(p), d(v), lb, d(r)); return this;
        }
        Builder exits(String sl, String tp, String tr) { exits = new StrategyDocument.ExitRules(d(sl), d(tp), d(tr)); return this; }
        static BigDecimal d(String s) { return s == null ? null : new BigDecimal(s); }
        StrategyDocument build() {
            return new StrategyDocument(version, id, null, universe, timeframe, indicators, entry, exit, sizing, exits, null);
        }
    }

    @Test
    void aValidDocumentHasNoErrorsAndItsWarmUp() {
        assertThat(errors(valid())).isEmpty();
        assertThat(DocumentValidator.warmUpBars(valid())).isEqualTo(30);
    }

    @Test
    void versionIdTimeframe() {
        assertThat(errors(with(b -> b.version(2)))).containsExactly("version: must be 1 (the only version of the language), was 2");
        assertThat(errors(with(b -> b.id("bad id!")))).containsExactly("id: 'bad id!' is not valid: 1 to 40 letters, digits, '_' or '.'");
        assertThat(errors(with(b -> b.id(null)))).singleElement().asString().startsWith("id: is required");
        assertThat(errors(with(b -> b.timeframe("2m")))).containsExactly("timeframe: '2m' is not a timeframe; one of 1m, 5m, 15m, 30m, 1h, 4h, 1d");
        assertThat(errors(with(b -> b.timeframe(null)))).singleElement().asString().startsWith("timeframe: is required");
    }

    @Test
    void universe() {
        assertThat(errors(with(b -> b.universe(List.of())))).singleElement().asString().startsWith("universe: is required");
        assertThat(errors(with(b -> b.universe(null)))).singleElement().asString().startsWith("universe: is required");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) many.add("S" + i);
        assertThat(errors(with(b -> b.universe(many)))).containsExactly("universe: has 10000 symbols; at most 50");
        assertThat(errors(with(b -> b.universe(List.of("AAPL", "MS FT", "AAPL", "BTC-USD", "$(rm)")))))
                .containsExactly("universe[1]: 'MS FT' is not a valid symbol: 1 to 32 letters, digits, '.', '_', '-' or '/', starting with a letter or digit",
                        "universe[2]: 'AAPL' is already listed at universe[0]; list each symbol once",
                        "universe[4]: '$(rm)' is not a valid symbol: 1 to 32 letters, digits, '.', '_', '-' or '/', starting with a letter or digit");
    }

    @Test
    void indicators() {
        assertThat(errors(with(b -> b.indicator("x", "vwap", "close", 5))))
                .containsExactly("indicators.x.type: unknown indicator 'vwap'; one of sma, ema, rsi, stddev, roc, highest, lowest");
        assertThat(errors(with(b -> b.indicator("x", "sma", "typical", 5))))
                .containsExactly("indicators.x.source: 'typical' is not a price field; one of open, high, low, close, volume");
        assertThat(errors(with(b -> b.indicator("x", "sma", "close", 0))))
                .containsExactly("indicators.x.period: must be a whole number from 1 to 500, was 0 (or missing)");
        assertThat(errors(with(b -> b.indicator("x", "sma", "close", 501))))
                .containsExactly("indicators.x.period: must be a whole number from 1 to 500, was 501");
        assertThat(errors(with(b -> b.indicator("close", "sma", "close", 5)))).singleElement().asString()
                .startsWith("indicators.close: the name 'close' is a price field");
        assertThat(errors(with(b -> b.indicator("sma", "sma", "close", 5)))).singleElement().asString()
                .startsWith("indicators.sma: the name 'sma' is a function or keyword of the language; choose another, such as sma_5");
        assertThat(errors(with(b -> b.indicator("and", "sma", "close", 5)))).singleElement().asString().startsWith("indicators.and:");
        assertThat(errors(with(b -> b.indicator("9x", "sma", "close", 5)))).singleElement().asString().startsWith("indicators.9x: '9x' is not a usable name");
    }

    @Test
    void conditions() {
        assertThat(errors(with(b -> b.entry(null, null)))).containsExactly(
                "entry.longWhen: is required: the condition that opens a long position",
                "exit.longWhen: has no effect without entry.longWhen");
        assertThat(errors(with(b -> b.exit(null, null)))).containsExactly(
                "exit.longWhen: is required when entry.longWhen is set: the condition that closes a long position");
        assertThat(errors(with(b -> b.entry("crosses_above(fast, slow)", "crosses_below(fast, slow)")))).containsExactly(
                "exit.shortWhen: is required when entry.shortWhen is set: a short entry needs a short exit");
        assertThat(errors(with(b -> b.exit("crosses_below(fast, slow)", "close > 1")))).containsExactly(
                "exit.shortWhen: has no effect without entry.shortWhen; remove it or add entry.shortWhen");
        assertThat(errors(with(b -> b.exit("crosses_above( fast,slow )", null)))).singleElement().asString()
                .startsWith("exit.longWhen: is the same condition as entry.longWhen");
        assertThat(errors(with(b -> b.entry("close > open", "close > open").exit("close < open", "close < open"))))
                .containsExactly("entry.shortWhen: is the same condition as entry.longWhen: long and short would open on the same bar");
        assertThat(errors(with(b -> b.entry("sma(close, 10)", null)))).singleElement().asString()
                .startsWith("entry.longWhen: at 0: a condition must be true or false, but this expression is a number");
        assertThat(errors(with(b -> b.entry("close > smaa(close, 3)", null)))).containsExactly(
                "entry.longWhen: at 8: unknown function 'smaa'; valid: sma, ema, rsi, stddev, roc, highest, lowest, crosses_above, crosses_below, abs, min, max, log, sqrt");
        assertThat(errors(with(b -> b.exit("crosses_below(fast, slow", null)))).containsExactly(
                "exit.longWhen: at 24: expected ',' or ')' to close the call of crosses_below opened at 13, found end of expression; valid: ')'");
        assertThat(errors(with(b -> b.entry("close / 0 > 1 or log(-1) > 0", null)))).as("evaluated safely at runtime").isEmpty();
    }

    @Test
    void sizing() {
        assertThat(errors(with(b -> b.sizing("kelly", null, null, null, null, null)))).containsExactly(
                "sizing.mode: unknown mode 'kelly'; one of fixed, percentOfEquity, volatilityTarget, fixedRisk");
        assertThat(errors(with(b -> b.sizing("fixed", null, null, null, null, null)))).containsExactly(
                "sizing.quantity: is required for sizing mode fixed: shares or contracts per entry, above 0");
        assertThat(errors(with(b -> b.sizing("fixed", "0", null, null, null, null)))).containsExactly(
                "sizing.quantity: must be shares or contracts per entry, above 0, was 0");
        assertThat(errors(with(b -> b.sizing("fixed", "10", "5", null, null, null)))).containsExactly(
                "sizing.percent: is not used by mode fixed (it uses quantity); remove it or change the mode");
        assertThat(errors(with(b -> b.sizing("percentOfEquity", null, "100", null, null, null)))).isEmpty();
        assertThat(errors(with(b -> b.sizing("percentOfEquity", null, "100.5", null, null, null)))).containsExactly(
                "sizing.percent: must be percent of equity, above 0 and at most 100, was 100.5");
        assertThat(errors(with(b -> b.sizing("percentOfEquity", null, "0", null, null, null)))).hasSize(1);
        assertThat(errors(with(b -> b.sizing("volatilityTarget", null, null, "15", 20, null)))).isEmpty();
        assertThat(errors(with(b -> b.sizing("volatilityTarget", null, null, "201", 1, null)))).containsExactly(
                "sizing.targetVolatilityPct: must be annualized percent, above 0 and at most 200, was 201",
                "sizing.volatilityLookback: must be 2 to 500 bars, was 1");
        assertThat(errors(with(b -> b.sizing("volatilityTarget", null, null, "10", null, null)))).containsExactly(
                "sizing.volatilityLookback: is required for mode volatilityTarget: bars, 2 to 500");
        assertThat(errors(with(b -> b.sizing("fixedRisk", null, null, null, null, "1")))).containsExactly(
                "exits.stopLossPct: is required for sizing mode fixedRisk: the size follows from the distance to the stop");
        assertThat(errors(with(b -> b.sizing("fixedRisk", null, null, null, null, "11").exits("5", null, null)))).containsExactly(
                "sizing.riskPercent: must be percent of equity lost if the stop is hit, above 0 and at most 10, was 11");
        assertThat(errors(with(b -> b.sizing("fixedRisk", null, null, null, null, "1").exits("5", null, null)))).isEmpty();
        assertThat(DocumentValidator.warmUpBars(with(b -> b.sizing("volatilityTarget", null, null, "15", 60, null)))).isEqualTo(60);
    }

    @Test
    void exits() {
        assertThat(errors(with(b -> b.exits("5", "10", "3")))).isEmpty();
        assertThat(errors(with(b -> b.exits("100", "0", "-1")))).containsExactly(
                "exits.stopLossPct: must be above 0 and below 100 (percent of the entry price), was 100",
                "exits.takeProfitPct: must be above 0 and at most 1000 (percent of the entry price), was 0; a take-profit at or below the entry price would close at a loss",
                "exits.trailingStopPct: must be above 0 and below 100 (percent below the best price), was -1");
    }

    @Test
    void collectsEveryErrorAtOnce() {
        StrategyDocument doc = new StrategyDocument(0, "", null, List.of(), "x", Map.of(), null, null, null, null, null);
        assertThat(errors(doc)).extracting(e -> e.substring(0, e.indexOf(':')))
                .containsExactly("version", "id", "universe", "timeframe", "entry", "sizing");
        assertThat(errors(null)).hasSize(1);
    }
}
