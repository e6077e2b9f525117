package dev.ballast.engine.strategy.lang;

import dev.ballast.engine.strategy.lang.StrategyDocument.Conditions;
import dev.ballast.engine.strategy.lang.StrategyDocument.Sizing;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static dev.ballast.engine.strategy.lang.Ast.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A condition with a division by zero in it has no value on any bar, however it is wrapped in
 * {@code not}, {@code and}, {@code or}, comparisons, arithmetic, lookbacks and crosses: over random
 * condition trees with one {@code x / 0} (or {@code x / (close - close)}) somewhere inside and random
 * bars, such an entry never submits an order and such an exit never closes a position.
 */
class UndefinedConditionProperties {
    private static final Symbol AAA = Symbol.of("AAA");
    private static final List<String> FIELDS = List.of("open", "high", "low", "close", "volume");

    @Property(tries = 300)
    void aConditionWithADivisionByZeroNeverEnters(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int depth) {
        Random random = new Random(seed);
        Expr poisoned = condition(random, depth, true);
        assertThat(evaluateOnRandomBars(poisoned, random)).as(ExpressionCompiler.signature(poisoned))
                .allMatch(truth -> truth == Truth.UNDEFINED);
        DocumentStrategy strategy = strategy(Map.of("entryLong", poisoned, "entryShort", not(poisoned),
                "exitLong", bin(">", ser("close"), num(0)), "exitShort", bin(">", ser("close"), num(0))));
        DocumentStrategyTest.Fake ctx = new DocumentStrategyTest.Fake();
        strategy.onStart(ctx);
        for (int i = 0; i < 60; i++) strategy.onBar(bar(random));
        assertThat(ctx.submitted).as(ExpressionCompiler.signature(poisoned)).isEmpty();
    }

    @Property(tries = 200)
    void anExitWithADivisionByZeroNeverCloses(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int depth) {
        Random random = new Random(seed);
        Expr poisoned = condition(random, depth, true);
        DocumentStrategy strategy = strategy(Map.of("entryLong", bin(">", ser("close"), num(0)),
                "entryShort", bin("<", ser("close"), num(0)), "exitLong", poisoned, "exitShort", not(poisoned)));
        DocumentStrategyTest.Fake ctx = new DocumentStrategyTest.Fake();
        strategy.onStart(ctx);
        for (int i = 0; i < 100 && ctx.submitted.isEmpty(); i++) strategy.onBar(bar(random)); // past the warm-up
        assertThat(ctx.submitted).hasSize(1);
        ctx.fill(strategy, ctx.ids.get(0), ctx.submitted.get(0), "10");
        for (int i = 0; i < 60; i++) strategy.onBar(bar(random));
        assertThat(ctx.submitted).as(ExpressionCompiler.signature(poisoned)).hasSize(1);
        assertThat(ctx.submitted.get(0).side()).isEqualTo(OrderSide.BUY);
    }

    private static List<Truth> evaluateOnRandomBars(Expr condition, Random random) {
        ExpressionCompiler compiler = ExpressionCompiler.create(Map.of());
        ExpressionCompiler.BoolNode node = compiler.condition(condition);
        SymbolSeries series = compiler.seal();
        Truth[] seen = new Truth[40];
        for (int i = 0; i < seen.length; i++) {
            double close = 1 + random.nextInt(100);
            series.update(close, close + random.nextInt(3), close - random.nextInt(3) * 0.5, close, random.nextInt(2) * 1000);
            seen[i] = node.truth();
        }
        return List.of(seen);
    }

    private static DocumentStrategy strategy(Map<String, Expr> trees) {
        StrategyDocument doc = new StrategyDocument(1, "doc", null, List.of("AAA"), "1d", Map.of(),
                new Conditions("entryLong", "entryShort"), new Conditions("exitLong", "exitShort"),
                new Sizing("fixed", BigDecimal.ONE, null, null, null, null), null, null);
        Function<String, Expr> parser = trees::get;
        return CompiledDocument.compile(doc, parser).newStrategy();
    }

    private static Bar bar(Random random) {
        Price p = Price.of(String.valueOf(1 + random.nextInt(100)));
        return new Bar(AAA, 0, p, p, p, p, Quantity.ofUnits(random.nextInt(2)));
    }

    // ---- random trees; 'poison' says this subtree must hold the division by zero

    private static Expr condition(Random r, int depth, boolean poison) {
        int kind = depth <= 0 ? 0 : r.nextInt(6);
        boolean left = r.nextBoolean();
        return switch (kind) {
            case 0 -> comparison(r, depth, poison);
            case 1 -> not(condition(r, depth - 1, poison));
            case 2 -> bin("and", condition(r, depth - 1, poison && left), condition(r, depth - 1, poison && !left));
            case 3 -> bin("or", condition(r, depth - 1, poison && left), condition(r, depth - 1, poison && !left));
            case 4 -> bin(r.nextBoolean() ? "==" : "!=", condition(r, depth - 1, poison && left), condition(r, depth - 1, poison && !left));
            default -> call(r.nextBoolean() ? "crosses_above" : "crosses_below", number(r, depth - 1, poison && left), number(r, depth - 1, poison && !left));
        };
    }

    private static Expr comparison(Random r, int depth, boolean poison) {
        boolean left = r.nextBoolean();
        String op = List.of("<", "<=", ">", ">=", "==", "!=").get(r.nextInt(6));
        return bin(op, number(r, depth - 1, poison && left), number(r, depth - 1, poison && !left));
    }

    private static Expr number(Random r, int depth, boolean poison) {
        if (depth <= 0) {
            Expr leaf = leaf(r);
            if (!poison) return leaf;
            return bin("/", leaf, r.nextBoolean() ? num(0) : bin("-", ser("close"), ser("close")));
        }
        boolean left = r.nextBoolean();
        return switch (r.nextInt(7)) {
            case 0 -> bin(List.of("+", "-", "*", "/").get(r.nextInt(4)), number(r, depth - 1, poison && left), number(r, depth - 1, poison && !left));
            case 1 -> neg(number(r, depth - 1, poison));
            case 2 -> call(List.of("abs", "log", "sqrt").get(r.nextInt(3)), number(r, depth - 1, poison));
            case 3 -> call(r.nextBoolean() ? "min" : "max", number(r, depth - 1, poison && left), number(r, depth - 1, poison && !left));
            case 4 -> lb(number(r, depth - 1, poison), 1 + r.nextInt(3));
            default -> number(r, 0, poison);
        };
    }

    private static Expr leaf(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> num(r.nextInt(200) - 50);
            case 1 -> sma(ser("close"), 1 + r.nextInt(5));
            default -> ser(FIELDS.get(r.nextInt(FIELDS.size())));
        };
    }
}
