package dev.ballast.cli.generate;

import dev.ballast.runtime.plan.StrategyDocumentLoader;

import java.util.List;

/**
 * Checks a generated document with the strategy language's own loader and validator: exactly what
 * {@code ballast strategy validate} and a run would refuse, with the same paths and positions, goes
 * back to the model for repair.
 */
public final class LoaderDocumentCheck implements DocumentCheck {
    @Override
    public List<String> errors(String text) {
        return StrategyDocumentLoader.parse(text, "generated").errors();
    }
}
