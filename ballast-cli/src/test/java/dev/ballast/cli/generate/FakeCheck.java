package dev.ballast.cli.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the strategy language's loader: accepts a document that contains {@link #MARKER} and has
 * an {@code id:}; rejects others with errors shaped like the loader's ("path: message").
 */
public final class FakeCheck implements DocumentCheck {
    public static final String MARKER = "STUB_VALID";
    public final List<String> checked = new ArrayList<>();

    @Override
    public List<String> errors(String text) {
        checked.add(text);
        if (!text.contains("version:") && !text.contains("\"version\"")) {
            return List.of("(document): not a strategy document: expected a mapping with version, id, universe, timeframe, entry, exit, sizing");
        }
        if (!text.contains(MARKER)) {
            return List.of("entry.longWhen: at 0: unknown function 'crossover' (valid: crosses_above, crosses_below, abs, min, max, log, sqrt, or an indicator)",
                    "sizing.quantity: required when sizing.mode is fixed");
        }
        return List.of();
    }

    static String valid(String id) {
        return """
                version: 1
                id: %s
                description: %s  # accepted by the fake check
                universe: [SYM000]
                timeframe: 1d
                indicators:
                  fast: {type: sma, source: close, period: 10}
                  slow: {type: sma, source: close, period: 30}
                entry:
                  longWhen: crosses_above(fast, slow)
                exit:
                  longWhen: crosses_below(fast, slow)
                sizing: {mode: fixed, quantity: 100}
                """.formatted(id, MARKER);
    }

    static String invalid(String id) {
        return """
                version: 1
                id: %s
                universe: [SYM000]
                timeframe: 1d
                entry:
                  longWhen: crossover(sma(close, 10), sma(close, 30))
                exit:
                  longWhen: close < sma(close, 30)
                sizing: {mode: fixed}
                """.formatted(id);
    }
}
