package dev.ballast.engine.strategy.lang;

import dev.ballast.engine.strategy.lang.ExpressionCompiler.BoolNode;
import dev.ballast.engine.strategy.lang.ExpressionCompiler.NumNode;
import dev.ballast.engine.strategy.lang.StrategyDocument.IndicatorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ballast.engine.strategy.lang.Ast.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExpressionCompilerTest {

    private static void feedCloses(SymbolSeries s, double... closes) {
        for (double c : closes) s.update(c, c + 1, c - 1, c, 1000);
    }

    @Test
    void arithmeticFollowsTheTreeAsGiven() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        // 2 + 3 * 4 (the parser makes the product the inner node) and (2 + 3) * 4
        NumNode a = c.numeric(bin("+", num(2), bin("*", num(3), num(4))));
        NumNode b = c.numeric(bin("*", bin("+", num(2), num(3)), num(4)));
        NumNode d = c.numeric(bin("-", neg(num(1)), bin("/", num(9), num(3))));
        c.seal();
        assertThat(a.value()).isEqualTo(14.0);
        assertThat(b.value()).isEqualTo(20.0);
        assertThat(d.value()).isEqualTo(-4.0);
    }

    @Test
    void priceFieldsAndMathFunctions() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        NumNode range = c.numeric(bin("-", ser("high"), ser("low")));
        NumNode abs = c.numeric(call("abs", bin("-", ser("open"), num(20))));
        NumNode min = c.numeric(call("min", ser("close"), num(5)));
        NumNode max = c.numeric(call("max", ser("close"), num(5)));
        NumNode sqrt = c.numeric(call("sqrt", ser("volume")));
        NumNode log = c.numeric(call("log", ser("close")));
        SymbolSeries s = c.seal();
        s.update(10, 12, 9, 11, 400);
        assertThat(range.value()).isEqualTo(3.0);
        assertThat(abs.value()).isEqualTo(10.0);
        assertThat(min.value()).isEqualTo(5.0);
        assertThat(max.value()).isEqualTo(11.0);
        assertThat(sqrt.value()).isEqualTo(20.0);
        assertThat(log.value()).isCloseTo(Math.log(11), within(1e-15));
    }

    @Test
    void divisionByZeroLogAndSqrtOfNegativesAreNaNAndComparisonsWithNaNAreUndefined() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        NumNode div = c.numeric(bin("/", num(1), num(0)));
        NumNode zeroByZero = c.numeric(bin("/", num(0), num(0)));
        NumNode logNeg = c.numeric(call("log", num(-1)));
        NumNode logZero = c.numeric(call("log", num(0)));
        NumNode sqrtNeg = c.numeric(call("sqrt", num(-4)));
        Expr nan = bin("/", num(1), num(0));
        List<BoolNode> comparisons = List.of(
                c.condition(bin("<", nan, num(1))), c.condition(bin("<=", nan, num(1))),
                c.condition(bin(">", nan, num(1))), c.condition(bin(">=", nan, num(1))),
                c.condition(bin("==", nan, nan)), c.condition(bin("!=", nan, num(1))));
        BoolNode notNan = c.condition(not(bin(">", nan, num(1))));
        c.seal();
        assertThat(div.value()).isNaN();
        assertThat(zeroByZero.value()).isNaN();
        assertThat(logNeg.value()).isNaN();
        assertThat(logZero.value()).isNaN();
        assertThat(sqrtNeg.value()).isNaN();
        for (BoolNode n : comparisons) {
            assertThat(n.truth()).isEqualTo(Truth.UNDEFINED);
            assertThat(n.test()).isFalse();
        }
        assertThat(notNan.truth()).isEqualTo(Truth.UNDEFINED);
        assertThat(notNan.test()).as("not (close/0 > 1) must not fire").isFalse();
    }

    @Test
    void andOrNotOverAnUndefinedOperandAreUndefinedWhateverTheOtherSide() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        Expr undefined = bin(">", bin("/", ser("close"), num(0)), num(1));
        Expr yes = bin("<", num(1), num(2));
        Expr no = bin(">", num(1), num(2));
        List<BoolNode> conditions = List.of(
                c.condition(not(undefined)), c.condition(not(not(undefined))),
                c.condition(bin("and", no, undefined)), c.condition(bin("and", undefined, no)),
                c.condition(bin("and", yes, undefined)), c.condition(bin("and", yes, not(undefined))),
                c.condition(bin("or", yes, undefined)), c.condition(bin("or", undefined, yes)),
                c.condition(bin("or", no, not(undefined))), c.condition(not(bin("and", no, undefined))),
                c.condition(not(bin("or", undefined, no))), c.condition(bin("==", undefined, undefined)),
                c.condition(bin("!=", yes, undefined)), c.condition(bin("==", not(undefined), yes)));
        SymbolSeries s = c.seal();
        feedCloses(s, 10, 11, 12);
        for (BoolNode n : conditions) {
            assertThat(n.truth()).isEqualTo(Truth.UNDEFINED);
            assertThat(n.test()).isFalse();
        }
    }

    @Test
    void conditionsCompareWithEqualsAndNotEquals() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        Expr yes = bin("<", num(1), num(2));
        Expr no = bin(">", num(1), num(2));
        BoolNode same = c.condition(bin("==", yes, not(no)));
        BoolNode differ = c.condition(bin("!=", yes, no));
        BoolNode notSame = c.condition(bin("==", yes, no));
        c.seal();
        assertThat(List.of(same.truth(), differ.truth(), notSame.truth())).containsExactly(Truth.TRUE, Truth.TRUE, Truth.FALSE);
    }

    @Test
    void conditionOverAnIndicatorNotReadyYetIsUndefinedEvenNegated() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        BoolNode below = c.condition(not(bin(">", ser("close"), sma(ser("close"), 3))));
        BoolNode cross = c.condition(not(call("crosses_above", ser("close"), num(10))));
        SymbolSeries s = c.seal();
        feedCloses(s, 5);
        assertThat(below.truth()).isEqualTo(Truth.UNDEFINED);
        assertThat(cross.truth()).as("no previous bar: the cross is undefined, so is its negation").isEqualTo(Truth.UNDEFINED);
        feedCloses(s, 5, 5);
        assertThat(below.truth()).isEqualTo(Truth.TRUE);
        assertThat(cross.truth()).isEqualTo(Truth.TRUE);
    }

    @Test
    void comparisonsAndBooleanLogic() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        BoolNode lt = c.condition(bin("<", num(1), num(2)));
        BoolNode le = c.condition(bin("<=", num(2), num(2)));
        BoolNode gt = c.condition(bin(">", num(1), num(2)));
        BoolNode ge = c.condition(bin(">=", num(2), num(2)));
        BoolNode eq = c.condition(bin("==", num(2), num(2)));
        BoolNode ne = c.condition(bin("!=", num(2), num(3)));
        BoolNode and = c.condition(bin("and", bin("<", num(1), num(2)), bin(">", num(1), num(2))));
        BoolNode or = c.condition(bin("or", bin("<", num(1), num(2)), bin(">", num(1), num(2))));
        BoolNode not = c.condition(not(bin(">", num(1), num(2))));
        BoolNode lit = c.condition(bin("and", ser("true"), not(ser("false"))));
        c.seal();
        assertThat(List.of(lt.test(), le.test(), gt.test(), ge.test(), eq.test(), ne.test(), and.test(), or.test(), not.test(), lit.test()))
                .containsExactly(true, true, false, true, true, true, false, true, true, true);
    }

    @Test
    void lookbackReadsBarsBackAndKeepsOnlyTheDeepestLookback() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        NumNode now = c.numeric(lb(ser("close"), 0));
        NumNode one = c.numeric(lb(ser("close"), 1));
        NumNode three = c.numeric(lb(ser("close"), 3));
        NumNode smaBack = c.numeric(lb(sma(ser("close"), 2), 1));
        NumNode derivedBack = c.numeric(lb(bin("-", ser("high"), ser("low")), 2));
        SymbolSeries s = c.seal();
        assertThat(s.historyDepth("close")).isEqualTo(3);
        assertThat(s.historyDepth("sma(close,2)")).isEqualTo(1);
        assertThat(s.historyDepth("open")).isZero();
        feedCloses(s, 10, 11);
        assertThat(one.value()).isEqualTo(10.0);
        assertThat(three.value()).isNaN(); // before the first bar
        assertThat(smaBack.value()).isNaN(); // sma(2) was not ready one bar ago
        feedCloses(s, 12, 13, 14);
        assertThat(now.value()).isEqualTo(14.0);
        assertThat(one.value()).isEqualTo(13.0);
        assertThat(three.value()).isEqualTo(11.0);
        assertThat(smaBack.value()).isEqualTo(12.5);
        assertThat(derivedBack.value()).isEqualTo(2.0);
        // warm-up: close[3] needs 4 bars; sma(close, 2)[1] needs 3; (high - low)[2] needs 3
        assertThat(s.warmUp()).isEqualTo(4);
    }

    @Test
    void crossesAreTransitionsOfAboveWithEqualityCountingAsNotAbove() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        BoolNode up = c.condition(call("crosses_above", ser("close"), num(10)));
        BoolNode down = c.condition(call("crosses_below", ser("close"), num(10)));
        SymbolSeries s = c.seal();
        feedCloses(s, 11);
        assertThat(up.test()).as("no previous bar: no cross").isFalse();
        assertThat(down.test()).isFalse();
        feedCloses(s, 10); // above -> equal: crosses below (equal is not above)
        assertThat(down.test()).isTrue();
        assertThat(up.test()).isFalse();
        feedCloses(s, 10); // equal -> equal: nothing
        assertThat(down.test()).isFalse();
        assertThat(up.test()).isFalse();
        feedCloses(s, 10.5); // equal -> above: crosses above
        assertThat(up.test()).isTrue();
        feedCloses(s, 12); // stays above: nothing
        assertThat(up.test()).isFalse();
        feedCloses(s, 9);
        assertThat(down.test()).isTrue();
    }

    @Test
    void crossesOfIndicatorsAreFalseUntilBothAreReadyOnTwoBars() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        BoolNode up = c.condition(call("crosses_above", sma(ser("close"), 1), sma(ser("close"), 3)));
        SymbolSeries s = c.seal();
        assertThat(s.warmUp()).isEqualTo(4);
        feedCloses(s, 5, 4, 3); // slow ready on bar 3, below
        assertThat(up.test()).isFalse();
        feedCloses(s, 10); // sma1 = 10 > sma3 = 17/3, previous 3 <= 4
        assertThat(up.test()).isTrue();
    }

    @Test
    void indicatorsAreSharedBySignatureDeclaredOrInline() {
        Map<String, IndicatorSpec> declared = Map.of("fast", new IndicatorSpec("sma", "close", 10),
                "slow", new IndicatorSpec("sma", "close", 30), "e", new IndicatorSpec("ema", "close", 10));
        ExpressionCompiler c = ExpressionCompiler.create(declared);
        c.condition(call("crosses_above", ser("fast"), ser("slow")));
        c.condition(call("crosses_below", sma(ser("close"), 10), sma(ser("close"), 30)));
        c.condition(bin(">", lb(ser("fast"), 2), ser("e")));
        c.condition(bin(">", sma(ser("high"), 10), num(0)));
        SymbolSeries s = c.seal();
        assertThat(s.indicatorCount()).isEqualTo(4); // sma(close,10), sma(close,30), ema(close,10), sma(high,10)
        assertThat(s.historyDepth("sma(close,10)")).isEqualTo(2);
        assertThat(s.historyDepth("sma(close,30)")).isEqualTo(1);
        assertThat(s.warmUp()).isEqualTo(31);
    }

    @Test
    void indicatorOfAnExpressionAndNamedIndicatorValues() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of("hi", new IndicatorSpec("highest", "high", 3)));
        NumNode smaRange = c.numeric(sma(bin("-", ser("high"), ser("low")), 2));
        NumNode hi = c.numeric(ser("hi"));
        SymbolSeries s = c.seal();
        s.update(1, 5, 1, 2, 0);
        s.update(1, 7, 4, 2, 0);
        assertThat(smaRange.value()).isEqualTo(3.5);
        assertThat(hi.value()).isNaN();
        s.update(1, 6, 5, 2, 0);
        assertThat(hi.value()).isEqualTo(7.0);
    }

    @Test
    void typeAndNameErrorsCarryThePosition() {
        ExpressionCompiler c = ExpressionCompiler.create(Map.of());
        assertThatThrownBy(() -> c.condition(new Expr.Series("nope", 7))).isInstanceOf(CompileException.class)
                .satisfies(e -> assertThat(((CompileException) e).position()).isEqualTo(7));
        assertThatThrownBy(() -> c.condition(bin(">", new Expr.Series("nope", 3), num(1))))
                .hasMessageContaining("unknown series 'nope'");
        assertThatThrownBy(() -> c.condition(num(1))).hasMessageContaining("a condition is needed");
        assertThatThrownBy(() -> c.numeric(bin(">", num(1), num(2)))).hasMessageContaining("a number is needed");
        assertThatThrownBy(() -> c.numeric(call("exec", num(1)))).hasMessageContaining("unknown function 'exec'");
        assertThatThrownBy(() -> c.numeric(call("sma", ser("close"), num(0)))).hasMessageContaining("period");
        assertThatThrownBy(() -> c.numeric(call("sma", ser("close"), num(2.5)))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> c.numeric(lb(ser("close"), ExpressionCompiler.MAX_LOOKBACK + 1))).hasMessageContaining("lookback");
    }
}
