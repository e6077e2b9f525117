package dev.ballast.runtime.plan;

import java.nio.file.Path;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.lang.CompileException;
import dev.ballast.engine.strategy.lang.CompiledDocument;
import dev.ballast.engine.strategy.lang.ExpressionException;
import dev.ballast.engine.strategy.lang.ExpressionParser;
import dev.ballast.examples.MomentumRotation;
import dev.ballast.examples.RsiMeanReversion;
import dev.ballast.examples.SmaCrossover;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The strategies a configuration can name by {@code type}, each with its parameters checked and
 * converted: unknown or missing parameters and bad values are refused with the key's full path.
 * Stateless.
 */
public final class StrategyCatalog {
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "sma-crossover", Set.of("fast", "slow", "quantity"),
            "rsi-mean-reversion", Set.of("period", "oversold", "overbought", "quantity"),
            "momentum-rotation", Set.of("lookback", "rebalanceEveryBars", "topN", "equityFraction"),
            "document", Set.of("file"));

    private StrategyCatalog() {}

    public static Set<String> types() {
        return new TreeSet<>(PARAMETERS.keySet());
    }

    /** Makes a strategy of {@code type}; {@code key} is the configuration path used in errors. */
    static Strategy create(Values values, String key, String type, Map<String, Object> params, List<Symbol> symbols) {
        Set<String> known = PARAMETERS.get(type);
        if (known == null) throw values.error(key + ".type", "unknown strategy type '" + type + "' (known: " + String.join(", ", types()) + ")");
        Map<String, Object> given = params == null ? Map.of() : params;
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                throw values.error(key + ".params." + name, "unknown parameter for " + type + " (valid: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        Params p = new Params(values, key + ".params", given);
        return switch (type) {
            case "sma-crossover" -> {
                int fast = p.integer("fast", 10);
                int slow = p.integer("slow", 30);
                if (fast >= slow) throw values.error(key + ".params.fast", "must be less than slow (" + slow + "), was " + fast);
                yield new SmaCrossover(symbols, fast, slow, p.quantity("quantity", "100"));
            }
            case "rsi-mean-reversion" -> {
                double oversold = p.fraction("oversold", 30, 0, 100);
                double overbought = p.fraction("overbought", 70, 0, 100);
                if (oversold >= overbought) {
                    throw values.error(key + ".params.oversold", "must be below overbought (" + overbought + "), was " + oversold);
                }
                yield new RsiMeanReversion(symbols, p.integer("period", 14), oversold, overbought, p.quantity("quantity", "100"));
            }
            case "momentum-rotation" -> {
                int topN = p.integer("topN", 3);
                if (topN > symbols.size()) throw values.error(key + ".params.topN", "must not exceed the " + symbols.size() + " symbols, was " + topN);
                yield new MomentumRotation(symbols, p.integer("lookback", 20), p.integer("rebalanceEveryBars", 5), topN,
                        p.fraction("equityFraction", 0.95, 0, 1));
            }
            case "document" -> {
                Object file = given.get("file");
                if (!(file instanceof String path) || path.isBlank()) {
                    throw values.error(key + ".params.file", "must be the path of a strategy document (YAML or JSON), was '" + file + "'");
                }
                yield document(values, key, values.resolve(path), symbols);
            }
            default -> throw new AssertionError(type);
        };
    }

    /**
     * A strategy written in the strategy language: loaded, validated, its expressions parsed and
     * compiled; every problem is reported with the document's own paths and refuses the run.
     */
    private static Strategy document(Values values, String key, Path file, List<Symbol> symbols) {
        StrategyDocumentLoader.LoadResult loaded = StrategyDocumentLoader.load(file);
        if (!loaded.valid()) {
            throw values.error(key + ".params.file", file + " is not a valid strategy document: " + String.join("; ", loaded.errors()));
        }
        List<String> missing = loaded.document().universe().stream()
                .filter(symbol -> symbols.stream().noneMatch(s -> s.value().equals(symbol))).toList();
        if (!missing.isEmpty()) {
            throw values.error(key + ".symbols", "must include the document's universe; missing " + String.join(", ", missing));
        }
        try {
            return CompiledDocument.compile(loaded.document(), ExpressionParser::parse).newStrategy();
        } catch (CompileException | ExpressionException e) {
            throw values.error(key + ".params.file", file + ": " + e.getMessage());
        }
    }

    /** Typed access to one strategy's parameters with defaults. */
    private record Params(Values values, String key, Map<String, Object> given) {
        int integer(String name, int fallback) {
            Object value = given.get(name);
            if (value == null) return fallback;
            if (value instanceof Integer i && i > 0) return i;
            throw values.error(key + "." + name, "must be a whole number of at least 1, was '" + value + "'");
        }

        double fraction(String name, double fallback, double min, double max) {
            Object value = given.get(name);
            if (value == null) return fallback;
            if (value instanceof Number n && n.doubleValue() > min && n.doubleValue() <= max && Double.isFinite(n.doubleValue())) {
                return n.doubleValue();
            }
            throw values.error(key + "." + name, "must be a number above " + min + " and at most " + max + ", was '" + value + "'");
        }

        Quantity quantity(String name, String fallback) {
            Object value = given.getOrDefault(name, fallback);
            try {
                long raw = FixedPoint.parse(new BigDecimal(value.toString()).toPlainString());
                if (raw > 0) return Quantity.ofRaw(raw);
            } catch (NumberFormatException e) {
                // reported below
            }
            throw values.error(key + "." + name, "must be a positive quantity, was '" + value + "'");
        }
    }
}
