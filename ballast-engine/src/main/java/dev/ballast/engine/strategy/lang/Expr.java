package dev.ballast.engine.strategy.lang;

import java.util.List;

/**
 * The syntax tree of an expression of the strategy language, as the parser builds it. Every node
 * carries the character offset in the expression's source where it starts, for error messages.
 * Immutable; a sealed hierarchy, so the compiler's {@code switch} is checked complete.
 */
public sealed interface Expr permits Expr.Number, Expr.Series, Expr.Call, Expr.Unary, Expr.Binary, Expr.Lookback {

    /** Offset (0-based) in the expression source where this node starts. */
    int position();

    /** A numeric literal: {@code 20}, {@code 1.5}. */
    record Number(double value, int position) implements Expr {
    }

    /**
     * A named series: a price field ({@code open}, {@code high}, {@code low}, {@code close}, {@code volume})
     * or an indicator declared in the document's {@code indicators} section, by its name.
     */
    record Series(String name, int position) implements Expr {
    }

    /**
     * A function call: an indicator ({@code sma(close, 20)}), {@code crosses_above(a, b)},
     * {@code crosses_below(a, b)}, or a math function ({@code abs}, {@code min}, {@code max}, {@code log},
     * {@code sqrt}).
     */
    record Call(String function, List<Expr> arguments, int position) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code -x} or {@code not x}. */
    record Unary(String operator, Expr operand, int position) implements Expr {
    }

    /** {@code + - * / < <= > >= == != and or}. */
    record Binary(String operator, Expr left, Expr right, int position) implements Expr {
    }

    /** {@code x[n]}: the value of {@code x} {@code n} bars ago ({@code n} a non-negative integer literal). */
    record Lookback(Expr target, int barsAgo, int position) implements Expr {
    }
}
