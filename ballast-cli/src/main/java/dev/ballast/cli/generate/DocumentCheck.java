package dev.ballast.cli.generate;

import java.util.List;

/**
 * Validates the text of a strategy document (YAML or JSON) and returns its errors, each as
 * {@code "path: message"}; an empty list means the document is accepted. The generator depends on this
 * interface only, so the strategy language's loader plugs in through {@link LoaderDocumentCheck} and
 * tests use a fake.
 */
@FunctionalInterface
public interface DocumentCheck {
    List<String> errors(String text);
}
