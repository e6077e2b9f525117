package dev.ballast.runtime.plan;


import java.nio.file.Path;

/**
 * The {@code risk} section of a document strategy's document, read as one strategy's limits, with the key
 * its errors are reported under (the strategy's entry and the document's file name). Immutable.
 *
 * @param key  for example {@code strategies[0] document momentum.yaml: risk}
 * @param risk the section, as a {@code risk.strategies} entry of a run configuration
 */
record DocumentRisk(String key, RunConfig.StrategyRisk risk) {

    /**
     * The risk section of the document at {@code file}, which the strategy catalog has already loaded and
     * found valid; {@code null} when the document has none.
     *
     * @param strategyKey the strategy's entry, {@code strategies[0]}
     */
    static DocumentRisk read(Values values, String strategyKey, Path file) {
        StrategyDocumentLoader.LoadResult loaded = StrategyDocumentLoader.load(file);
        if (!loaded.valid()) {
            // Changed since the catalog read it a moment ago: refuse rather than run with limits not checked.
            throw values.error(strategyKey + ".params.file", file + " is not a valid strategy document: " + String.join("; ", loaded.errors()));
        }
        RunConfig.StrategyRisk risk = StrategyDocumentLoader.riskSection(loaded.document());
        return risk == null ? null : new DocumentRisk(strategyKey + " document " + file.getFileName() + ": risk", risk);
    }
}
