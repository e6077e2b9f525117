package dev.ballast.engine.strategy.lang;

import java.util.HashSet;
import java.util.TreeSet;
import dev.ballast.engine.indicator.Ema;
import dev.ballast.engine.indicator.Highest;
import dev.ballast.engine.indicator.Indicator;
import dev.ballast.engine.indicator.Lowest;
import dev.ballast.engine.indicator.RateOfChange;
import dev.ballast.engine.indicator.RollingStdDev;
import dev.ballast.engine.indicator.Rsi;
import dev.ballast.engine.indicator.Sma;
import dev.ballast.engine.strategy.lang.StrategyDocument.IndicatorSpec;
import dev.ballast.engine.strategy.lang.SymbolSeries.DerivedSlot;
import dev.ballast.engine.strategy.lang.SymbolSeries.IndicatorSlot;
import dev.ballast.engine.strategy.lang.SymbolSeries.Slot;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Compiles expressions of the strategy language ({@link Expr} trees, as the parser builds them) into
 * evaluators: trees of small final node classes, {@link NumNode#value()} for numbers and
 * {@link BoolNode#test()} for conditions, reading the series of one symbol's {@link SymbolSeries}.
 * Evaluation boxes nothing, looks nothing up and allocates nothing; its cost is one virtual call per
 * node, and the node count is bounded by the parser's limits.
 *
 * <p>One compiler (and one {@code SymbolSeries}) per symbol: compile every condition of a strategy
 * with it, then {@link #seal()}; feed each bar with {@link SymbolSeries#update} and then evaluate.
 * Indicators are de-duplicated by signature: {@code sma(close, 10)} written twice, or declared once as
 * {@code fast: {type: sma, source: close, period: 10}} and also written inline, is one {@link Sma}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Values are {@code double}: conditions are analytics, nothing here is booked.</li>
 *   <li>Series: {@code open high low close volume} of the current bar; an indicator declared in the
 *       document by its name; an indicator call {@code sma|ema|rsi|stddev|roc|highest|lowest(source, period)}
 *       whose source is any numeric expression (usually a price field) and whose period is a whole
 *       number literal from 1 to {@value #MAX_PERIOD} ({@code rsi(source)} means period 14). An indicator
 *       is NaN until it has seen enough values; a NaN source value is not fed to it.</li>
 *   <li>{@code x[n]}: the value of {@code x} {@code n} bars ago (n from 0 to {@value #MAX_LOOKBACK});
 *       NaN before that bar existed. Each series keeps a ring of exactly its deepest lookback.</li>
 *   <li>Arithmetic {@code + - * /} and unary minus; {@code a / 0} is NaN (never an exception, never
 *       an infinity); {@code log(x)} is NaN for {@code x <= 0}, {@code sqrt(x)} NaN for {@code x < 0};
 *       {@code abs}, {@code min(a, b)}, {@code max(a, b)} (NaN if either is NaN).</li>
 *   <li>Conditions have three values: true, false and <em>undefined</em> ({@link Truth}). A comparison
 *       {@code < <= > >= == !=} is undefined when either side is NaN; {@code not}, {@code and}, {@code or}
 *       and {@code ==}/{@code !=} between conditions are undefined when any operand is undefined (so
 *       {@code false and undefined} is undefined too: nothing is decided over a value that is missing).
 *       {@link BoolNode#test()}, what the strategy acts on, is true only for a defined true, so a
 *       condition over a value that is not ready yet, or over a division by zero, never fires, with or
 *       without {@code not} in front of it.</li>
 *   <li>{@code and}, {@code or} stop early only on an undefined left side; the literals {@code true} and
 *       {@code false}.</li>
 *   <li>Crosses are transitions of the relation "a above b" ({@code a > b}):
 *       {@code crosses_above(a, b)} is {@code a > b and a[1] <= b[1]} (the relation starts to hold),
 *       {@code crosses_below(a, b)} is {@code a <= b and a[1] > b[1]} (it stops holding). Equality counts
 *       as "not above" in both, exactly as the hand-written {@code SmaCrossover}; a cross is undefined
 *       unless all four values are defined (not NaN), so there is no cross on the first bar both are ready.</li>
 * </ul>
 * Precedence is the parser's business: the tree is evaluated as given.
 */
public final class ExpressionCompiler {
    /** Largest {@code n} in {@code x[n]}: bounds the history a document can make the engine keep. */
    public static final int MAX_LOOKBACK = 10_000;
    /** Largest indicator period. */
    public static final int MAX_PERIOD = 10_000;

    /** The indicator functions and how to make each. */
    static final Map<String, IntFunction<Indicator>> INDICATORS = Map.of(
            "sma", Sma::new, "ema", Ema::new, "rsi", Rsi::new, "stddev", RollingStdDev::new,
            "roc", RateOfChange::new, "highest", Highest::new, "lowest", Lowest::new);
    private static final Set<String> MATH = Set.of("abs", "min", "max", "log", "sqrt");

    private final SymbolSeries series;
    private final Map<String, IndicatorSpec> declared;
    private boolean sealed;

    /**
     * @param series     the symbol's series, fresh
     * @param indicators the document's named indicators (may be empty)
     */
    public ExpressionCompiler(SymbolSeries series, Map<String, IndicatorSpec> indicators) {
        this.series = series;
        this.declared = indicators == null ? Map.of() : indicators;
    }

    /** A compiler over a new {@link SymbolSeries}. */
    public static ExpressionCompiler create(Map<String, IndicatorSpec> indicators) {
        return new ExpressionCompiler(new SymbolSeries(), indicators);
    }

    public SymbolSeries series() {
        return series;
    }

    /** Compiles a condition (boolean expression). */
    public BoolNode condition(Expr expr) {
        checkOpen();
        return bool(expr);
    }

    /** Compiles a numeric expression. */
    public NumNode numeric(Expr expr) {
        checkOpen();
        return num(expr).node;
    }

    /** Ends compilation: sizes the series' histories. Call before the first {@link SymbolSeries#update}. */
    public SymbolSeries seal() {
        if (!sealed) {
            series.seal();
            sealed = true;
        }
        return series;
    }

    private void checkOpen() {
        if (sealed) throw new IllegalStateException("compiler already sealed");
    }

    // ------------------------------------------------------------------ compilation

    /** A compiled numeric node and the bars needed before it is defined. */
    private record Num(NumNode node, int warmUp) {
    }

    private Num num(Expr expr) {
        return switch (expr) {
            case Expr.Number n -> new Num(new Const(n.value()), 1);
            case Expr.Series s -> {
                if (isBooleanLiteral(s.name())) throw new CompileException("'" + s.name() + "' is a condition, a number is needed here", s.position());
                Slot slot = namedSlot(s);
                yield new Num(new Now(slot), slot.warmUp);
            }
            case Expr.Call c -> call(c);
            case Expr.Unary u -> {
                if (!u.operator().equals("-")) throw new CompileException("'" + u.operator() + "' gives a condition, a number is needed here", u.position());
                Num operand = num(u.operand());
                yield new Num(new Neg(operand.node), operand.warmUp);
            }
            case Expr.Binary b -> {
                NumNode node = switch (b.operator()) {
                    case "+" -> new Add(num(b.left()).node, num(b.right()).node);
                    case "-" -> new Sub(num(b.left()).node, num(b.right()).node);
                    case "*" -> new Mul(num(b.left()).node, num(b.right()).node);
                    case "/" -> new Div(num(b.left()).node, num(b.right()).node);
                    default -> throw new CompileException("'" + b.operator() + "' gives a condition, a number is needed here", b.position());
                };
                yield new Num(node, Math.max(warmUpOf(b.left()), warmUpOf(b.right())));
            }
            case Expr.Lookback l -> {
                if (l.barsAgo() < 0 || l.barsAgo() > MAX_LOOKBACK) {
                    throw new CompileException("lookback must be from 0 to " + MAX_LOOKBACK + " bars, was " + l.barsAgo(), l.position());
                }
                if (l.barsAgo() == 0) yield num(l.target());
                Slot slot = seriesSlot(l.target());
                slot.maxLookback = Math.max(slot.maxLookback, l.barsAgo());
                yield new Num(new Ago(slot, l.barsAgo()), slot.warmUp + l.barsAgo());
            }
        };
    }

    private int warmUpOf(Expr expr) {
        // Compiling again only to learn the warm-up would create nothing new (slots are de-duplicated),
        // but it is simpler to walk the tree.
        return switch (expr) {
            case Expr.Number n -> 1;
            case Expr.Series s -> isBooleanLiteral(s.name()) ? 1 : namedSlot(s).warmUp;
            case Expr.Call c -> INDICATORS.containsKey(c.function()) ? indicatorSlot(c).warmUp
                    : c.arguments().stream().mapToInt(this::warmUpOf).max().orElse(1) + (c.function().startsWith("crosses_") ? 1 : 0);
            case Expr.Unary u -> warmUpOf(u.operand());
            case Expr.Binary b -> Math.max(warmUpOf(b.left()), warmUpOf(b.right()));
            case Expr.Lookback l -> warmUpOf(l.target()) + l.barsAgo();
        };
    }

    private Num call(Expr.Call c) {
        String f = c.function();
        if (INDICATORS.containsKey(f)) {
            Slot slot = indicatorSlot(c);
            return new Num(new Now(slot), slot.warmUp);
        }
        if (!MATH.contains(f)) {
            if (f.equals("crosses_above") || f.equals("crosses_below")) {
                throw new CompileException(f + " gives a condition, a number is needed here", c.position());
            }
            throw new CompileException("unknown function '" + f + "' (known: " + String.join(", ", new TreeSet<>(allFunctions())) + ")", c.position());
        }
        int arity = f.equals("min") || f.equals("max") ? 2 : 1;
        arity(c, arity);
        Num a = num(c.arguments().get(0));
        if (arity == 1) {
            NumNode node = switch (f) {
                case "abs" -> new Abs(a.node);
                case "log" -> new Log(a.node);
                default -> new Sqrt(a.node);
            };
            return new Num(node, a.warmUp);
        }
        Num b = num(c.arguments().get(1));
        return new Num(f.equals("min") ? new Min(a.node, b.node) : new Max(a.node, b.node), Math.max(a.warmUp, b.warmUp));
    }

    private static Set<String> allFunctions() {
        Set<String> all = new HashSet<>(INDICATORS.keySet());
        all.addAll(MATH);
        all.add("crosses_above");
        all.add("crosses_below");
        return all;
    }

    private static void arity(Expr.Call c, int n) {
        if (c.arguments().size() != n) {
            throw new CompileException(c.function() + " takes " + n + " argument" + (n == 1 ? "" : "s") + ", was given " + c.arguments().size(), c.position());
        }
    }

    private BoolNode bool(Expr expr) {
        return switch (expr) {
            case Expr.Series s when s.name().equals("true") -> new BoolConst(true);
            case Expr.Series s when s.name().equals("false") -> new BoolConst(false);
            case Expr.Unary u when u.operator().equals("not") -> new Not(bool(u.operand()));
            case Expr.Binary b when b.operator().equals("and") -> new And(bool(b.left()), bool(b.right()));
            case Expr.Binary b when b.operator().equals("or") -> new Or(bool(b.left()), bool(b.right()));
            case Expr.Binary b when isComparison(b.operator()) -> comparison(b);
            case Expr.Call c when c.function().equals("crosses_above") || c.function().equals("crosses_below") -> {
                arity(c, 2);
                Slot a = seriesSlot(c.arguments().get(0));
                Slot b = seriesSlot(c.arguments().get(1));
                a.maxLookback = Math.max(a.maxLookback, 1);
                b.maxLookback = Math.max(b.maxLookback, 1);
                yield c.function().equals("crosses_above") ? new CrossesAbove(a, b) : new CrossesBelow(a, b);
            }
            default -> throw new CompileException("a condition is needed here (a comparison, crosses_above/crosses_below, and/or/not)", expr.position());
        };
    }

    private static boolean isComparison(String op) {
        return switch (op) {
            case "<", "<=", ">", ">=", "==", "!=" -> true;
            default -> false;
        };
    }

    private BoolNode comparison(Expr.Binary b) {
        if ((b.operator().equals("==") || b.operator().equals("!=")) && isCondition(b.left())) {
            BoolNode same = new Same(bool(b.left()), bool(b.right()));
            return b.operator().equals("==") ? same : new Not(same);
        }
        NumNode l = num(b.left()).node;
        NumNode r = num(b.right()).node;
        return switch (b.operator()) {
            case "<" -> new Lt(l, r);
            case "<=" -> new Le(l, r);
            case ">" -> new Gt(l, r);
            case ">=" -> new Ge(l, r);
            case "==" -> new Eq(l, r);
            default -> new Ne(l, r);
        };
    }

    /** Whether {@code expr} is a condition by its shape (the checker has made sure both sides agree). */
    private static boolean isCondition(Expr expr) {
        return switch (expr) {
            case Expr.Series s -> isBooleanLiteral(s.name());
            case Expr.Unary u -> u.operator().equals("not");
            case Expr.Binary b -> b.operator().equals("and") || b.operator().equals("or") || isComparison(b.operator());
            case Expr.Call c -> c.function().equals("crosses_above") || c.function().equals("crosses_below");
            case Expr.Lookback l -> l.barsAgo() == 0 && isCondition(l.target());
            case Expr.Number n -> false;
        };
    }

    private static boolean isBooleanLiteral(String name) {
        return name.equals("true") || name.equals("false");
    }

    // ------------------------------------------------------------------ series

    /** The slot of a price field or a declared indicator. */
    private Slot namedSlot(Expr.Series s) {
        for (int f = 0; f < SymbolSeries.FIELDS.length; f++) {
            if (SymbolSeries.FIELDS[f].equals(s.name())) return series.field(f);
        }
        IndicatorSpec spec = declared.get(s.name());
        if (spec == null) {
            throw new CompileException("unknown series '" + s.name() + "' (price fields: open, high, low, close, volume; declared indicators: "
                    + (declared.isEmpty() ? "none" : String.join(", ", new TreeSet<>(declared.keySet()))) + ")", s.position());
        }
        if (spec.type() == null || !INDICATORS.containsKey(spec.type())) {
            throw new CompileException("indicator '" + s.name() + "' has unknown type '" + spec.type() + "' (known: "
                    + String.join(", ", new TreeSet<>(INDICATORS.keySet())) + ")", s.position());
        }
        String source = spec.source() == null ? "close" : spec.source();
        if (source.equals(s.name())) throw new CompileException("indicator '" + s.name() + "' cannot be its own source", s.position());
        return indicatorSlot(spec.type(), new Expr.Series(source, s.position()), spec.period(), s.position());
    }

    private Slot indicatorSlot(Expr.Call c) {
        String f = c.function();
        List<Expr> args = c.arguments();
        int period;
        if (f.equals("rsi") && args.size() == 1) {
            period = 14;
        } else {
            arity(c, 2);
            if (!(args.get(1) instanceof Expr.Number n) || n.value() != Math.rint(n.value())) {
                throw new CompileException(f + " period must be a whole number literal", args.get(1).position());
            }
            period = n.value() < 1 || n.value() > MAX_PERIOD ? -1 : (int) n.value();
            if (period < 0) throw new CompileException(f + " period must be from 1 to " + MAX_PERIOD + ", was " + n.value(), args.get(1).position());
        }
        return indicatorSlot(f, args.get(0), period, c.position());
    }

    private Slot indicatorSlot(String type, Expr source, int period, int position) {
        if (period < 1 || period > MAX_PERIOD) throw new CompileException(type + " period must be from 1 to " + MAX_PERIOD + ", was " + period, position);
        Slot src = seriesSlot(source);
        String signature = type + "(" + src.signature + "," + period + ")";
        Slot existing = series.find(signature);
        if (existing != null) return existing;
        Indicator indicator;
        try {
            indicator = INDICATORS.get(type).apply(period);
        } catch (IllegalArgumentException e) {
            throw new CompileException(e.getMessage(), position);
        }
        return series.add(new IndicatorSlot(signature, src.warmUp + valuesNeeded(type, period) - 1, indicator, src));
    }

    /** Values an indicator needs before it is ready, learned from a throwaway instance (O(period), once). */
    private static int valuesNeeded(String type, int period) {
        Indicator probe = INDICATORS.get(type).apply(period);
        int n = 0;
        while (!probe.isReady()) {
            probe.update(1.0 + (n & 1));
            n++;
        }
        return Math.max(1, n);
    }

    /**
     * The slot holding {@code expr} as a series with a history: a price field, an indicator, or else a
     * derived series that evaluates {@code expr} once per bar (shared by signature).
     */
    private Slot seriesSlot(Expr expr) {
        if (expr instanceof Expr.Series s && !isBooleanLiteral(s.name())) return namedSlot(s);
        if (expr instanceof Expr.Call c && INDICATORS.containsKey(c.function())) return indicatorSlot(c);
        if (expr instanceof Expr.Lookback l && l.barsAgo() == 0) return seriesSlot(l.target());
        String signature = "{" + signature(expr) + "}";
        Slot existing = series.find(signature);
        if (existing != null) return existing;
        Num compiled = num(expr);
        return series.add(new DerivedSlot(signature, compiled.warmUp, compiled.node));
    }

    /** Canonical text of an expression without positions, for de-duplication. */
    static String signature(Expr expr) {
        return switch (expr) {
            case Expr.Number n -> Double.toString(n.value());
            case Expr.Series s -> s.name();
            case Expr.Call c -> {
                StringBuilder b = new StringBuilder(c.function()).append('(');
                for (int i = 0; i < c.arguments().size(); i++) {
                    if (i > 0) b.append(',');
                    b.append(signature(c.arguments().get(i)));
                }
                yield b.append(')').toString();
            }
            case Expr.Unary u -> "(" + u.operator() + " " + signature(u.operand()) + ")";
            case Expr.Binary b -> "(" + signature(b.left()) + " " + b.operator() + " " + signature(b.right()) + ")";
            case Expr.Lookback l -> signature(l.target()) + "[" + l.barsAgo() + "]";
        };
    }

    // ------------------------------------------------------------------ nodes

    /** A compiled numeric expression. */
    public abstract static class NumNode {
        /** The expression's value on the current bar; NaN when undefined. Allocation-free. */
        public abstract double value();
    }

    /**
     * A compiled condition. {@link #truth()} is its three-valued result; {@link #test()} whether it fires.
     */
    public abstract static class BoolNode {
        /** The condition on the current bar: undefined when a value it depends on is NaN. Allocation-free. */
        public abstract Truth truth();

        /** Whether the condition holds on the current bar: true only when it is defined and true. */
        public final boolean test() {
            return truth() == Truth.TRUE;
        }
    }

    static final class Const extends NumNode {
        private final double v;
        Const(double v) { this.v = v; }
        @Override public double value() { return v; }
    }

    static final class Now extends NumNode {
        private final Slot slot;
        Now(Slot slot) { this.slot = slot; }
        @Override public double value() { return slot.current; }
    }

    static final class Ago extends NumNode {
        private final Slot slot;
        private final int n;
        Ago(Slot slot, int n) { this.slot = slot; this.n = n; }
        @Override public double value() { return slot.ago(n); }
    }

    static final class Neg extends NumNode {
        private final NumNode a;
        Neg(NumNode a) { this.a = a; }
        @Override public double value() { return -a.value(); }
    }

    static final class Add extends NumNode {
        private final NumNode a, b;
        Add(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public double value() { return a.value() + b.value(); }
    }

    static final class Sub extends NumNode {
        private final NumNode a, b;
        Sub(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public double value() { return a.value() - b.value(); }
    }

    static final class Mul extends NumNode {
        private final NumNode a, b;
        Mul(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public double value() { return a.value() * b.value(); }
    }

    static final class Div extends NumNode {
        private final NumNode a, b;
        Div(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public double value() {
            double d = b.value();
            return d == 0 ? Double.NaN : a.value() / d;
        }
    }

    static final class Abs extends NumNode {
        private final NumNode a;
        Abs(NumNode a) { this.a = a; }
        @Override public double value() { return Math.abs(a.value()); }
    }

    static final class Log extends NumNode {
        private final NumNode a;
        Log(NumNode a) { this.a = a; }
        @Override public double value() {
            double x = a.value();
            return x > 0 ? Math.log(x) : Double.NaN;
        }
    }

    static final class Sqrt extends NumNode {
        private final NumNode a;
        Sqrt(NumNode a) { this.a = a; }
        @Override public double value() {
            double x = a.value();
            return x >= 0 ? Math.sqrt(x) : Double.NaN;
        }
    }

    static final class Min extends NumNode {
        private final NumNode a, b;
        Min(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public double value() { return Math.min(a.value(), b.value()); }
    }

    static final class Max extends NumNode {
        private final NumNode a, b;
        Max(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public double value() { return Math.max(a.value(), b.value()); }
    }

    /** The result of comparing {@code x} and {@code y}: undefined when either is NaN, else {@code holds}. */
    private static Truth compared(double x, double y, boolean holds) {
        return Double.isNaN(x) || Double.isNaN(y) ? Truth.UNDEFINED : Truth.of(holds);
    }

    static final class BoolConst extends BoolNode {
        private final Truth v;
        BoolConst(boolean v) { this.v = Truth.of(v); }
        @Override public Truth truth() { return v; }
    }

    static final class Not extends BoolNode {
        private final BoolNode a;
        Not(BoolNode a) { this.a = a; }
        @Override public Truth truth() {
            return switch (a.truth()) {
                case TRUE -> Truth.FALSE;
                case FALSE -> Truth.TRUE;
                case UNDEFINED -> Truth.UNDEFINED;
            };
        }
    }

    /** Both hold; undefined when either is undefined (the right side is evaluated even after a false left). */
    static final class And extends BoolNode {
        private final BoolNode a, b;
        And(BoolNode a, BoolNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            Truth x = a.truth();
            if (x == Truth.UNDEFINED) return Truth.UNDEFINED;
            Truth y = b.truth();
            if (y == Truth.UNDEFINED) return Truth.UNDEFINED;
            return Truth.of(x == Truth.TRUE && y == Truth.TRUE);
        }
    }

    /** Either holds; undefined when either is undefined (the right side is evaluated even after a true left). */
    static final class Or extends BoolNode {
        private final BoolNode a, b;
        Or(BoolNode a, BoolNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            Truth x = a.truth();
            if (x == Truth.UNDEFINED) return Truth.UNDEFINED;
            Truth y = b.truth();
            if (y == Truth.UNDEFINED) return Truth.UNDEFINED;
            return Truth.of(x == Truth.TRUE || y == Truth.TRUE);
        }
    }

    /** Two conditions agree ({@code ==} between conditions); undefined when either is undefined. */
    static final class Same extends BoolNode {
        private final BoolNode a, b;
        Same(BoolNode a, BoolNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            Truth x = a.truth();
            if (x == Truth.UNDEFINED) return Truth.UNDEFINED;
            Truth y = b.truth();
            if (y == Truth.UNDEFINED) return Truth.UNDEFINED;
            return Truth.of(x == y);
        }
    }

    static final class Lt extends BoolNode {
        private final NumNode a, b;
        Lt(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            double x = a.value(), y = b.value();
            return compared(x, y, x < y);
        }
    }

    static final class Le extends BoolNode {
        private final NumNode a, b;
        Le(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            double x = a.value(), y = b.value();
            return compared(x, y, x <= y);
        }
    }

    static final class Gt extends BoolNode {
        private final NumNode a, b;
        Gt(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            double x = a.value(), y = b.value();
            return compared(x, y, x > y);
        }
    }

    static final class Ge extends BoolNode {
        private final NumNode a, b;
        Ge(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            double x = a.value(), y = b.value();
            return compared(x, y, x >= y);
        }
    }

    static final class Eq extends BoolNode {
        private final NumNode a, b;
        Eq(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            double x = a.value(), y = b.value();
            return compared(x, y, x == y);
        }
    }

    /** Not equal; undefined when either side is NaN (Java's {@code !=} would say true). */
    static final class Ne extends BoolNode {
        private final NumNode a, b;
        Ne(NumNode a, NumNode b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            double x = a.value(), y = b.value();
            return compared(x, y, x != y);
        }
    }

    /** {@code a > b and a[1] <= b[1]}; undefined if any of the four is NaN. */
    static final class CrossesAbove extends BoolNode {
        private final Slot a, b;
        CrossesAbove(Slot a, Slot b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            double now = a.current, nowB = b.current, before = a.ago(1), beforeB = b.ago(1);
            if (Double.isNaN(now) || Double.isNaN(nowB) || Double.isNaN(before) || Double.isNaN(beforeB)) return Truth.UNDEFINED;
            return Truth.of(now > nowB && before <= beforeB);
        }
    }

    /** {@code a <= b and a[1] > b[1]}; undefined if any of the four is NaN. */
    static final class CrossesBelow extends BoolNode {
        private final Slot a, b;
        CrossesBelow(Slot a, Slot b) { this.a = a; this.b = b; }
        @Override public Truth truth() {
            double now = a.current, nowB = b.current, before = a.ago(1), beforeB = b.ago(1);
            if (Double.isNaN(now) || Double.isNaN(nowB) || Double.isNaN(before) || Double.isNaN(beforeB)) return Truth.UNDEFINED;
            return Truth.of(now <= nowB && before > beforeB);
        }
    }
}
