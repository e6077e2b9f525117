package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through the command line: a strategy document's own {@code risk:} limits are applied to its
 * orders (they used to be validated and then ignored: 5,000-share orders passed a document's
 * {@code order.maxQuantity: 1000}), and a document cannot loosen the account's limits.
 */
class DocumentRiskCliTest {
    @TempDir
    Path dir;

    private Path setUp(String documentRisk, String runRisk) throws IOException {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "1", "--bars", "60", "--seed", "5", "--out",
                dir.resolve("bars.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        Files.writeString(dir.resolve("doc.yaml"), """
                version: 1
                id: doc
                universe: [SYM000]
                timeframe: 1d
                entry: {longWhen: "close > 0"}
                exit: {longWhen: "close < 0"}
                sizing: {mode: fixed, quantity: 5000}
                """ + documentRisk);
        Path config = dir.resolve("run.yaml");
        // Cash enough for 5,000 shares, so buying power does not deny first.
        Files.writeString(config, """
                run: {name: doc-risk, initialCash: 100000000, output: out}
                data: {files: [bars.csv]}
                strategies:
                  - {id: doc, type: document, symbols: [SYM000], params: {file: doc.yaml}}
                """ + runRisk);
        return config;
    }

    private JsonNode results() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
    }

    private String journal() {
        CliRun export = CliRun.of("audit", "export", dir.resolve("out").toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        return export.out();
    }

    @Test
    void deniesAnOrderAboveTheDocumentsMaxQuantityAtTheStrategysScope() throws IOException {
        Path config = setUp("""
                risk:
                  order: {maxQuantity: 1000}
                """, "");

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode results = results();
        assertThat(results.get("fills").asLong()).isZero();
        assertThat(results.get("riskDenialsByReason").get("MAX_ORDER_QUANTITY").asLong()).isPositive();
        assertThat(journal()).contains("MAX_ORDER_QUANTITY").contains("strategy doc");
    }

    @Test
    void withoutTheDocumentsLimitTheSameOrdersFill() throws IOException {
        Path config = setUp("", "");

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(results().get("fills").asLong()).isPositive();
        assertThat(results().get("riskDenialsByReason").has("MAX_ORDER_QUANTITY")).isFalse();
    }

    @Test
    void aDocumentLimitLooserThanTheAccountsDoesNotLoosenIt() throws IOException {
        Path config = setUp("""
                risk:
                  order: {maxQuantity: 100000}
                """, """
                risk:
                  account:
                    order: {maxQuantity: 1000}
                """);

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as("a looser document limit is capped, not a reason to refuse the run: " + run.err()).isZero();
        assertThat(results().get("fills").asLong()).isZero();
        assertThat(results().get("riskDenialsByReason").get("MAX_ORDER_QUANTITY").asLong()).isPositive();
    }
}
