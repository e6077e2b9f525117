package dev.ballast.cli.config;

import dev.ballast.engine.strategy.lang.CompiledDocument;

import java.nio.file.Path;

/**
 * Turns a strategy document file into a runnable {@link CompiledDocument}: read, validate, parse the
 * expressions, compile. The catalog's {@code document} type goes through this, so that the catalog does
 * not depend on which loader and parser exist; the integration wires
 * {@code file -> CompiledDocument.compile(StrategyDocumentLoader.load(file), ExpressionParser::parse)}.
 */
@FunctionalInterface
public interface DocumentSource {
    /** @throws ConfigException when the file cannot be read or is not a valid document */
    CompiledDocument load(Path file);

    /** Until a loader is wired: refuses every document with one clear error. */
    DocumentSource UNAVAILABLE = file -> {
        throw new ConfigException(file + ": strategy documents need the loader");
    };
}
