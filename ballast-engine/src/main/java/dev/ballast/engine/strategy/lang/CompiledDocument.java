package dev.ballast.engine.strategy.lang;

import dev.ballast.model.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link StrategyDocument} with its conditions parsed and checked to compile: the factory of
 * {@link DocumentStrategy} instances. The parser is passed in ({@code ExpressionParser::parse} in
 * production; a map of hand-built trees in tests), so this class does not depend on a parser class.
 * Immutable and shareable; each {@link #newStrategy()} has its own state.
 */
public final class CompiledDocument {
    private final StrategyDocument document;
    private final Expr entryLong;
    private final Expr entryShort;
    private final Expr exitLong;
    private final Expr exitShort;
    private final List<Symbol> universe;

    private CompiledDocument(StrategyDocument document, Expr entryLong, Expr entryShort, Expr exitLong, Expr exitShort) {
        this.document = document;
        this.entryLong = entryLong;
        this.entryShort = entryShort;
        this.exitLong = exitLong;
        this.exitShort = exitShort;
        List<Symbol> symbols = new ArrayList<>();
        for (String s : document.universe()) symbols.add(Symbol.of(s));
        this.universe = List.copyOf(symbols);
    }

    /**
     * Parses every condition with {@code parser} and compiles each once (to report errors now rather
     * than at the first bar).
     *
     * @throws CompileException         when a condition does not compile (unknown series, wrong type...)
     * @throws IllegalArgumentException when the document has no universe or no entry
     * @throws RuntimeException         whatever {@code parser} throws for a syntax error
     */
    public static CompiledDocument compile(StrategyDocument document, Function<String, Expr> parser) {
        if (document.universe() == null || document.universe().isEmpty()) throw new IllegalArgumentException("the document has no universe");
        if (document.entry() == null || (document.entry().longWhen() == null && document.entry().shortWhen() == null)) {
            throw new IllegalArgumentException("the document has no entry condition");
        }
        StrategyDocument.Conditions exit = document.exit() == null ? new StrategyDocument.Conditions(null, null) : document.exit();
        CompiledDocument compiled = new CompiledDocument(document, parse(parser, document.entry().longWhen()),
                parse(parser, document.entry().shortWhen()), parse(parser, exit.longWhen()), parse(parser, exit.shortWhen()));
        compiled.newProgram(); // checks types and names
        return compiled;
    }

    /** For tests and tools without the parser: the expressions given as trees, keyed by their source text. */
    public static CompiledDocument compile(StrategyDocument document, Map<String, Expr> trees) {
        return compile(document, text -> {
            Expr expr = trees.get(text);
            if (expr == null) throw new IllegalArgumentException("no syntax tree given for '" + text + "'");
            return expr;
        });
    }

    private static Expr parse(Function<String, Expr> parser, String text) {
        return text == null || text.isBlank() ? null : parser.apply(text);
    }

    public StrategyDocument document() {
        return document;
    }

    public List<Symbol> universe() {
        return universe;
    }

    /** A new strategy running this document, with fresh per-symbol state. */
    public DocumentStrategy newStrategy() {
        return new DocumentStrategy(this);
    }

    /** One symbol's compiled conditions over one fresh {@link SymbolSeries}; absent conditions are null. */
    Program newProgram() {
        ExpressionCompiler c = ExpressionCompiler.create(document.indicators());
        ExpressionCompiler.BoolNode el = entryLong == null ? null : c.condition(entryLong);
        ExpressionCompiler.BoolNode es = entryShort == null ? null : c.condition(entryShort);
        ExpressionCompiler.BoolNode xl = exitLong == null ? null : c.condition(exitLong);
        ExpressionCompiler.BoolNode xs = exitShort == null ? null : c.condition(exitShort);
        SymbolSeries series = c.seal();
        return new Program(series, series.warmUp(), el, es, xl, xs);
    }

    record Program(SymbolSeries series, int warmUp, ExpressionCompiler.BoolNode entryLong, ExpressionCompiler.BoolNode entryShort,
                   ExpressionCompiler.BoolNode exitLong, ExpressionCompiler.BoolNode exitShort) {
    }
}
