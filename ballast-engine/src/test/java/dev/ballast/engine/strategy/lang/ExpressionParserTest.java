package dev.ballast.engine.strategy.lang;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionParserTest {

    /** A fully parenthesized rendering of the tree, to check precedence and associativity. */
    static String show(Expr e) {
        return switch (e) {
            case Expr.Number n -> n.value() == Math.rint(n.value()) ? Long.toString((long) n.value()) : Double.toString(n.value());
            case Expr.Series s -> s.name();
            case Expr.Call c -> c.function() + "(" + String.join(", ", c.arguments().stream().map(ExpressionParserTest::show).toList()) + ")";
            case Expr.Unary u -> "(" + u.operator() + (u.operator().equals("not") ? " " : "") + show(u.operand()) + ")";
            case Expr.Binary b -> "(" + show(b.left()) + " " + b.operator() + " " + show(b.right()) + ")";
            case Expr.Lookback l -> show(l.target()) + "[" + l.barsAgo() + "]";
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 + 2 * 3                      | (1 + (2 * 3))",
            "1 * 2 + 3                      | ((1 * 2) + 3)",
            "1 - 2 - 3                      | ((1 - 2) - 3)",
            "8 / 4 / 2                      | ((8 / 4) / 2)",
            "(1 - 2) * 3                    | ((1 - 2) * 3)",
            "-a * b                         | ((-a) * b)",
            "- -a                           | (-(-a))",
            "2 - -3                         | (2 - (-3))",
            "-close[1]                      | (-close[1])",
            "a + b > c * d                  | ((a + b) > (c * d))",
            "a < b and c >= d or e != f     | (((a < b) and (c >= d)) or (e != f))",
            "a or b and c                   | (a or (b and c))",
            "a and b and c                  | ((a and b) and c)",
            "a or b or c                    | ((a or b) or c)",
            "not a > b                      | (not (a > b))",
            "not a and b                    | ((not a) and b)",
            "not not a                      | (not (not a))",
            "a == b                         | (a == b)",
            "a <= b                         | (a <= b)",
            "sma(close, 20)[1]              | sma(close, 20)[1]",
            "close[0]                       | close[0]",
            "close[500]                     | close[500]",
            "(close - open)[2]              | (close - open)[2]",
            "crosses_above(sma(close, 10), sma(close, 30)) | crosses_above(sma(close, 10), sma(close, 30))",
            "max(1, 2.5) * .5               | (max(1, 2.5) * 0.5)",
            "1e3 + 2E-2                     | (1000 + 0.02)",
            "f()                            | f()",
    })
    void precedenceAndAssociativity(String source, String expected) {
        assertThat(show(ExpressionParser.parse(source))).isEqualTo(expected);
    }

    @Test
    void nodesCarryTheirSourcePositions() {
        Expr.Binary b = (Expr.Binary) ExpressionParser.parse("close > sma(close, 20)[1]");
        assertThat(b.position()).isZero();
        Expr.Lookback l = (Expr.Lookback) b.right();
        assertThat(l.position()).isEqualTo(8);
        Expr.Call c = (Expr.Call) l.target();
        assertThat(c.position()).isEqualTo(8);
        assertThat(c.arguments().get(0).position()).isEqualTo(12);
        assertThat(c.arguments().get(1).position()).isEqualTo(19);
        Expr.Unary u = (Expr.Unary) ExpressionParser.parse("  not x");
        assertThat(u.position()).isEqualTo(2);
        assertThat(u.operand().position()).isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // source                          | position | message fragment
            "x + sma(close, 20                 | 17 | expected ',' or ')' to close the call of sma opened at 7, found end of expression",
            "sma(close 20)                     | 10 | expected ',' or ')' to close the call of sma opened at 3, found number 20",
            "(close + 1                        | 10 | expected ')' to close the '(' opened at 0, found end of expression",
            "close > 1)                        | 9  | unexpected ')' after a complete expression; there is no '(' open for it",
            "close open                        | 6  | unexpected name 'open' after a complete expression",
            "close >                           | 7  | expected an operand, found end of expression",
            "* close                           | 0  | expected an operand, found '*'",
            "+ close                           | 0  | write the number without '+'",
            "and close                         | 0  | 'and' needs a condition on its left",
            "close = open                      | 6  | '=' is not an operator",
            "close ! open                      | 6  | '!' is not an operator",
            "a && b                            | 2  | '&&' is not an operator",
            "close $ 1                         | 6  | unexpected character '$'",
            "close[-1]                         | 6  | found a negative number",
            "close[1.5]                        | 6  | lookback 1.5 is not a whole number",
            "close[501]                        | 6  | lookback 501 is too deep",
            "close[n]                          | 6  | expected the number of bars ago after '[' at 5, found name 'n'",
            "close[1                           | 7  | expected ']' to close the '[' opened at 5, found end of expression",
            "a < b < c                         | 6  | comparisons do not chain",
            "1e999 > close                     | 0  | number 1e999 is too large",
            "1e > close                        | 1  | incomplete exponent",
            "2close                            | 1  | a name cannot follow the number",
            "f(,)                              | 2  | expected an operand, found ','",
            "()                                | 1  | expected an operand, found ')'",
    })
    void errorsNameThePositionAndWhatWouldBeValid(String source, int position, String fragment) {
        assertThatThrownBy(() -> ExpressionParser.parse(source))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
                    assertThat(e.getMessage()).startsWith("at " + position + ": ").contains(fragment);
                    assertThat(e.valid()).as(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void theBriefsExampleMessage() {
        assertThatThrownBy(() -> ExpressionParser.parse("abs(sma(close, 10)"))
                .hasMessage("at 18: expected ',' or ')' to close the call of abs opened at 3, found end of expression; valid: ')'");
    }

    @Test
    void operatorsOfOtherLanguagesAndStrayQuotes() {
        assertThatThrownBy(() -> ExpressionParser.parse("a || b")).hasMessage("at 2: '||' is not an operator; valid: 'or'");
        assertThatThrownBy(() -> ExpressionParser.parse("close > 'x'")).hasMessageStartingWith("at 8: unexpected character '''");
        assertThatThrownBy(() -> ExpressionParser.parse("close > \u00e9")).hasMessageStartingWith("at 8: unexpected character U+00E9");
    }

    @Test
    void emptyAndBlankAreRefused() {
        assertThatThrownBy(() -> ExpressionParser.parse("")).hasMessageContaining("empty expression");
        assertThatThrownBy(() -> ExpressionParser.parse("   ")).hasMessageContaining("empty expression");
        assertThatThrownBy(() -> ExpressionParser.parse(null)).hasMessageContaining("no expression");
    }

    @Test
    void limitsAgainstHostileInput() {
        assertThatThrownBy(() -> ExpressionParser.parse("close > " + "1 + ".repeat(3000) + "1"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.position()).isEqualTo(2000))
                .hasMessageContaining("at most 2000 characters");
        assertThatThrownBy(() -> ExpressionParser.parse("(".repeat(900) + "1" + ")".repeat(900)))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.position()).isEqualTo(32))
                .hasMessageContaining("nested more than 32 levels");
        assertThatThrownBy(() -> ExpressionParser.parse("-".repeat(100) + "1")).hasMessageContaining("nested more than 32");
        assertThatThrownBy(() -> ExpressionParser.parse("not ".repeat(100) + "a")).hasMessageContaining("nested more than 32");
        assertThatThrownBy(() -> ExpressionParser.parse("1" + "+1".repeat(600)))
                .hasMessageContaining("more than 500 parts");
        // 32 levels are fine
        assertThat(ExpressionParser.parse("(".repeat(32) + "1" + ")".repeat(32))).isInstanceOf(Expr.Number.class);
        assertThat(ExpressionParser.parse("1" + "+1".repeat(240))).isInstanceOf(Expr.Binary.class);
    }
}
