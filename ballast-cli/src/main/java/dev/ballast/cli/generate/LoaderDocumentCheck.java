package dev.ballast.cli.generate;

import java.util.List;

/**
 * The plug between generation and the strategy language's loader. INTEGRATOR: when
 * {@code dev.ballast.cli.lang.StrategyDocumentLoader} lands, replace the body of {@link #errors} with
 * <pre>{@code return StrategyDocumentLoader.parse(text, "generated").errors();}</pre>
 * (and delete {@link InterimDocumentCheck}). Until then the interim structural check stands in: it
 * refuses what cannot bind to {@code StrategyDocument} but does not check expressions or semantics.
 */
public final class LoaderDocumentCheck implements DocumentCheck {
    private final DocumentCheck delegate = new InterimDocumentCheck();

    @Override
    public List<String> errors(String text) {
        return delegate.errors(text);   // -> StrategyDocumentLoader.parse(text, "generated").errors()
    }
}
