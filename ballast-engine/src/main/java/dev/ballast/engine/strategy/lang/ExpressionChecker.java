package dev.ballast.engine.strategy.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a parsed expression against a document: every name is a price field or a declared
 * indicator, every function is known and called with the right number and kind of arguments,
 * numbers and conditions are not mixed up, and the history it reads stays within bounds. Reports the
 * type of the expression and its warm-up: how many bars must have passed before it has a value.
 *
 * <p>Types: {@code + - * /}, unary {@code -}, the math functions and the indicators take and give
 * numbers; {@code < <= > >=} take numbers and give a condition; {@code == !=} take two numbers or two
 * conditions; {@code and or not} take and give conditions; {@code crosses_above}/{@code crosses_below}
 * take two numbers and give a condition.
 *
 * <p>Warm-up, in bars before the first bar on which the expression has a value: a price field 0,
 * {@code x[n]} that of {@code x} plus n, {@code sma/ema/stddev/highest/lowest(s, p)} p - 1 plus that of
 * {@code s}, {@code rsi/roc(s, p)} p plus that of {@code s}, {@code crosses_*(a, b)} one more than the
 * larger of its arguments'. At most {@value #MAX_WARM_UP} bars. Stateless and thread-safe.
 */
public final class ExpressionChecker {
    public static final int MAX_WARM_UP = 1000;
    public static final int MAX_PERIOD = 500;

    /** The price fields of a bar, usable as series by name. */
    public static final List<String> PRICE_FIELDS = List.of("open", "high", "low", "close", "volume");
    /** Indicator functions, each {@code name(series, period)}; also the indicator types of a document. */
    public static final List<String> INDICATORS = List.of("sma", "ema", "rsi", "stddev", "roc", "highest", "lowest");
    /** Functions of two numbers giving a condition. */
    public static final List<String> CROSSES = List.of("crosses_above", "crosses_below");
    /** Math functions of numbers, with their number of arguments. */
    public static final Map<String, Integer> MATH = Map.of("abs", 1, "min", 2, "max", 2, "log", 1, "sqrt", 1);
    /** Every function name, in the order the documentation lists them. */
    public static final List<String> FUNCTIONS = List.of("sma", "ema", "rsi", "stddev", "roc", "highest", "lowest",
            "crosses_above", "crosses_below", "abs", "min", "max", "log", "sqrt");
    /** Words of the grammar, which cannot name an indicator. */
    public static final List<String> KEYWORDS = List.of("and", "or", "not");

    /** Kind of value an expression gives. */
    public enum Type {
        NUMBER("a number"), BOOLEAN("a condition");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The result of a check: the type of the expression and its warm-up in bars. */
    public record Checked(Type type, int warmUpBars) {
    }

    private final Map<String, StrategyDocument.IndicatorSpec> indicators;

    private ExpressionChecker(Map<String, StrategyDocument.IndicatorSpec> indicators) {
        this.indicators = indicators == null ? Map.of() : indicators;
    }

    /**
     * Checks an expression of either type.
     *
     * @param indicators the document's declared indicators by name (may be null or empty); an
     *                   indicator with an unknown type or a period out of range counts as warm-up 0,
     *                   since the document check reports it on its own path
     * @throws ExpressionException at the first problem, with what would be valid
     */
    public static Checked check(Expr expr, Map<String, StrategyDocument.IndicatorSpec> indicators) {
        return new ExpressionChecker(indicators).visit(expr);
    }

    /** Checks an expression that must be a condition (entry and exit rules). */
    public static Checked checkCondition(Expr expr, Map<String, StrategyDocument.IndicatorSpec> indicators) {
        Checked checked = check(expr, indicators);
        if (checked.type() != Type.BOOLEAN) {
            throw new ExpressionException(expr.position(), "a condition must be true or false, but this expression is a number",
                    "a comparison such as close > sma(close, 20), crosses_above(a, b), or conditions joined with and/or");
        }
        return checked;
    }

    /** Warm-up bars of a declared indicator, 0 if its type or period is invalid (reported elsewhere). */
    public static int warmUpOf(StrategyDocument.IndicatorSpec spec) {
        if (spec == null || spec.type() == null || spec.period() < 1 || spec.period() > MAX_PERIOD) return 0;
        return switch (spec.type()) {
            case "sma", "ema", "stddev", "highest", "lowest" -> spec.period() - 1;
            case "rsi", "roc" -> spec.period();
            default -> 0;
        };
    }

    private Checked visit(Expr expr) {
        return switch (expr) {
            case Expr.Number n -> new Checked(Type.NUMBER, 0);
            case Expr.Series s -> series(s);
            case Expr.Unary u -> unary(u);
            case Expr.Binary b -> binary(b);
            case Expr.Lookback l -> {
                if (l.target() instanceof Expr.Number) {
                    throw new ExpressionException(l.position(), "a number has no history to look back into",
                            "a lookback on a series or indicator, as in close[1] or sma(close, 20)[1]");
                }
                if (l.barsAgo() < 0 || l.barsAgo() > ExpressionParser.MAX_LOOKBACK) {
                    throw new ExpressionException(l.position(), "lookback " + l.barsAgo() + " is out of range",
                            "0 to " + ExpressionParser.MAX_LOOKBACK);
                }
                Checked target = visit(l.target());
                yield new Checked(target.type(), warmUp(l.position(), target.warmUpBars() + l.barsAgo()));
            }
            case Expr.Call c -> call(c);
        };
    }

    private Checked series(Expr.Series s) {
        if (PRICE_FIELDS.contains(s.name())) return new Checked(Type.NUMBER, 0);
        if (indicators.containsKey(s.name())) return new Checked(Type.NUMBER, warmUpOf(indicators.get(s.name())));
        if (FUNCTIONS.contains(s.name())) {
            throw new ExpressionException(s.position(), "'" + s.name() + "' is a function; call it with its arguments",
                    s.name() + usage(s.name()));
        }
        throw new ExpressionException(s.position(), "unknown series '" + s.name() + "'", validSeries());
    }

    private String validSeries() {
        List<String> valid = new ArrayList<>(PRICE_FIELDS);
        valid.addAll(new TreeSet<>(indicators.keySet()));
        return String.join(", ", valid) + (indicators.isEmpty() ? " (or an indicator declared under indicators:)" : "");
    }

    private Checked unary(Expr.Unary u) {
        Checked operand = visit(u.operand());
        if (u.operator().equals("not")) {
            expect(operand, Type.BOOLEAN, u.operand(), "the operand of 'not'");
            return operand;
        }
        expect(operand, Type.NUMBER, u.operand(), "the operand of '-'");
        return operand;
    }

    private Checked binary(Expr.Binary b) {
        Checked left = visit(b.left());
        Checked right = visit(b.right());
        int warmUp = Math.max(left.warmUpBars(), right.warmUpBars());
        String op = b.operator();
        switch (op) {
            case "+", "-", "*", "/" -> {
                expect(left, Type.NUMBER, b.left(), "'" + op + "' needs numbers on both sides; its left side");
                expect(right, Type.NUMBER, b.right(), "'" + op + "' needs numbers on both sides; its right side");
                return new Checked(Type.NUMBER, warmUp);
            }
            case "<", "<=", ">", ">=" -> {
                expect(left, Type.NUMBER, b.left(), "'" + op + "' compares numbers; its left side");
                expect(right, Type.NUMBER, b.right(), "'" + op + "' compares numbers; its right side");
                return new Checked(Type.BOOLEAN, warmUp);
            }
            case "==", "!=" -> {
                if (left.type() != right.type()) {
                    throw new ExpressionException(b.right().position(), "'" + op + "' compares " + left.type().description()
                            + " on its left with " + right.type().description() + " on its right",
                            "two numbers or two conditions");
                }
                return new Checked(Type.BOOLEAN, warmUp);
            }
            case "and", "or" -> {
                expect(left, Type.BOOLEAN, b.left(), "'" + op + "' joins conditions; its left side");
                expect(right, Type.BOOLEAN, b.right(), "'" + op + "' joins conditions; its right side");
                return new Checked(Type.BOOLEAN, warmUp);
            }
            default -> throw new ExpressionException(b.position(), "unknown operator '" + op + "'",
                    "+ - * / < <= > >= == != and or");
        }
    }

    private Checked call(Expr.Call c) {
        String f = c.function();
        List<Expr> args = c.arguments();
        if (INDICATORS.contains(f)) {
            arity(c, 2);
            Expr source = args.get(0);
            if (!(source instanceof Expr.Series series)) {
                throw new ExpressionException(source.position(), "the first argument of " + f + " must name a series",
                        "a price field (" + String.join(", ", PRICE_FIELDS) + ") or a declared indicator; "
                                + "declare an indicator under indicators: to smooth something else");
            }
            Checked input = series(series);
            int period = period(f, args.get(1));
            int own = f.equals("rsi") || f.equals("roc") ? period : period - 1;
            return new Checked(Type.NUMBER, warmUp(c.position(), input.warmUpBars() + own));
        }
        if (CROSSES.contains(f)) {
            arity(c, 2);
            Checked a = visit(args.get(0));
            Checked b = visit(args.get(1));
            expect(a, Type.NUMBER, args.get(0), f + " compares numbers; its first argument");
            expect(b, Type.NUMBER, args.get(1), f + " compares numbers; its second argument");
            return new Checked(Type.BOOLEAN, warmUp(c.position(), Math.max(a.warmUpBars(), b.warmUpBars()) + 1));
        }
        Integer arity = MATH.get(f);
        if (arity != null) {
            arity(c, arity);
            int warmUp = 0;
            for (int i = 0; i < args.size(); i++) {
                Checked arg = visit(args.get(i));
                expect(arg, Type.NUMBER, args.get(i), f + " takes numbers; argument " + (i + 1));
                warmUp = Math.max(warmUp, arg.warmUpBars());
            }
            return new Checked(Type.NUMBER, warmUp);
        }
        String valid = String.join(", ", FUNCTIONS);
        if (PRICE_FIELDS.contains(f) || indicators.containsKey(f)) {
            throw new ExpressionException(c.position(), "'" + f + "' is a series, not a function",
                    "'" + f + "' without parentheses, or " + f + "[n] for n bars ago");
        }
        throw new ExpressionException(c.position(), "unknown function '" + f + "'", valid);
    }

    private static void arity(Expr.Call c, int expected) {
        if (c.arguments().size() != expected) {
            int at = c.arguments().size() > expected ? c.arguments().get(expected).position() : c.position();
            throw new ExpressionException(at, c.function() + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
                    + ", got " + c.arguments().size(), c.function() + usage(c.function()));
        }
    }

    private static String usage(String f) {
        if (INDICATORS.contains(f)) return "(series, period), as in " + f + "(close, 14)";
        if (CROSSES.contains(f)) return "(a, b), as in " + f + "(sma(close, 10), sma(close, 30))";
        return MATH.get(f) == 1 ? "(x)" : "(a, b)";
    }

    private static int period(String f, Expr arg) {
        int min = f.equals("stddev") ? 2 : 1;
        String valid = "a whole number literal from " + min + " to " + MAX_PERIOD;
        if (!(arg instanceof Expr.Number n)) {
            throw new ExpressionException(arg.position(), "the period of " + f + " must be a number written out", valid);
        }
        if (n.value() != Math.rint(n.value()) || n.value() < min || n.value() > MAX_PERIOD) {
            throw new ExpressionException(arg.position(), "period " + format(n.value()) + " of " + f + " is out of range", valid);
        }
        return (int) n.value();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static int warmUp(int position, int bars) {
        if (bars > MAX_WARM_UP) {
            throw new ExpressionException(position, "needs " + bars + " bars of history", "at most " + MAX_WARM_UP
                    + " bars (lookbacks plus indicator periods)");
        }
        return bars;
    }

    private static void expect(Checked actual, Type expected, Expr at, String what) {
        if (actual.type() == expected) return;
        String hint = expected == Type.BOOLEAN
                ? "a condition: a comparison such as close > 0, crosses_above(a, b), or not/and/or of conditions"
                : "a number: a price, an indicator, a literal or arithmetic on them (a condition is not a number)";
        throw new ExpressionException(at.position(), what + " is " + actual.type().description() + ", not "
                + expected.description(), hint);
    }
}
