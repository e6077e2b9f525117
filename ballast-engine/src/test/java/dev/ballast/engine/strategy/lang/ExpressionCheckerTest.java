package dev.ballast.engine.strategy.lang;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionCheckerTest {
    private static final Map<String, StrategyDocument.IndicatorSpec> INDICATORS = Map.of(
            "fast", new StrategyDocument.IndicatorSpec("sma", "close", 10),
            "rsi14", new StrategyDocument.IndicatorSpec("rsi", "close", 14));

    private static ExpressionChecker.Checked check(String source) {
        return ExpressionChecker.check(ExpressionParser.parse(source), INDICATORS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "close                                          | NUMBER  | 0",
            "close[3]                                       | NUMBER  | 3",
            "close > open                                   | BOOLEAN | 0",
            "sma(close, 20)                                 | NUMBER  | 19",
            "sma(close, 20)[1]                              | NUMBER  | 20",
            "ema(close, 1)                                  | NUMBER  | 0",
            "rsi(close, 14) < 30                            | BOOLEAN | 14",
            "roc(close, 5)                                  | NUMBER  | 5",
            "stddev(close, 20) / close                      | NUMBER  | 19",
            "highest(high, 20) - lowest(low, 50)            | NUMBER  | 49",
            "crosses_above(sma(close, 10), sma(close, 30))  | BOOLEAN | 30",
            "crosses_below(close, fast)                     | BOOLEAN | 10",
            "rsi14 < 30 and not close < open                | BOOLEAN | 14",
            "sma(rsi14, 5) > 50                             | BOOLEAN | 18",
            "abs(close - open) > 2 * sqrt(volume)           | BOOLEAN | 0",
            "min(close, open) <= max(high, low)             | BOOLEAN | 0",
            "log(-1) > 0                                    | BOOLEAN | 0",
            "close / 0 > 1                                  | BOOLEAN | 0",
            "(close > open) == (high > low)                 | BOOLEAN | 0",
            "close == open or close != high                 | BOOLEAN | 0",
            "-close                                         | NUMBER  | 0",
            "sma(close, 500)[500]                           | NUMBER  | 999",
    })
    void typesAndWarmUp(String source, ExpressionChecker.Type type, int warmUp) {
        ExpressionChecker.Checked checked = check(source);
        assertThat(checked.type()).isEqualTo(type);
        assertThat(checked.warmUpBars()).isEqualTo(warmUp);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "smaa(close, 10) > 1              | 0  | unknown function 'smaa'; valid: sma, ema, rsi, stddev, roc, highest, lowest, crosses_above, crosses_below, abs, min, max, log, sqrt",
            "closee > 1                       | 0  | unknown series 'closee'; valid: open, high, low, close, volume, fast, rsi14",
            "sma > 1                          | 0  | 'sma' is a function",
            "close(1) > 1                     | 0  | 'close' is a series, not a function",
            "sma(close) > 1                   | 0  | sma takes 2 arguments, got 1; valid: sma(series, period)",
            "abs(close, 1) > 1                | 11 | abs takes 1 argument, got 2",
            "sma(close, 0) > 1                | 11 | period 0 of sma is out of range; valid: a whole number literal from 1 to 500",
            "sma(close, 501) > 1              | 11 | period 501 of sma is out of range",
            "sma(close, 2.5) > 1              | 11 | period 2.5 of sma is out of range",
            "sma(close, fast) > 1             | 11 | the period of sma must be a number written out",
            "stddev(close, 1) > 1             | 14 | from 2 to 500",
            "sma(close + 1, 3) > 1            | 4  | the first argument of sma must name a series",
            "sma(nope, 3) > 1                 | 4  | unknown series 'nope'",
            "close + (open > 1)               | 9  | '+' needs numbers on both sides; its right side is a condition, not a number",
            "close > 1 and open               | 14 | 'and' joins conditions; its right side is a number, not a condition",
            "not close                        | 4  | the operand of 'not' is a number, not a condition",
            "-(close > 1)                     | 2  | the operand of '-' is a condition, not a number",
            "(close > 1) < 2                  | 1  | '<' compares numbers; its left side is a condition",
            "close == (open > 1)              | 10 | '==' compares a number on its left with a condition on its right",
            "crosses_above(close > 1, open)   | 14 | crosses_above compares numbers; its first argument is a condition",
            "5[1] > 1                         | 0  | a number has no history",
            "crosses_above((sma(close, 500)[500])[1], close) | 0 | needs 1001 bars of history; valid: at most 1000",
    })
    void errors(String source, int position, String fragment) {
        assertThatThrownBy(() -> check(source)).isInstanceOfSatisfying(ExpressionException.class, e -> {
            assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
            assertThat(e.getMessage()).contains(fragment);
        });
    }

    @Test
    void conditionsMustBeBoolean() {
        assertThatThrownBy(() -> ExpressionChecker.checkCondition(ExpressionParser.parse("sma(close, 10)"), Map.of()))
                .hasMessageStartingWith("at 0: a condition must be true or false, but this expression is a number; valid: a comparison");
        assertThat(ExpressionChecker.checkCondition(ExpressionParser.parse("close > 0"), null).warmUpBars()).isZero();
    }
}
