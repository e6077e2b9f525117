package dev.ballast.cli.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromptBuilderTest {
    @TempDir
    Path dir;

    @Test
    void embeddedSchemaAndExamplesWhenTheProjectHasNone() {
        String prompt = new PromptBuilder(dir).systemPrompt();
        assertThat(prompt).contains(PromptBuilder.resource("strategy-v1.schema.json").strip())
                .contains("id: sma_crossover").contains("id: rsi_reversion")
                .doesNotContain("{{");
        for (String indicator : PromptBuilder.INDICATORS) assertThat(prompt).contains("- " + indicator + ":");
    }

    @Test
    void theProjectsSchemaAndFirstTwoExamplesWin() throws Exception {
        Files.createDirectories(dir.resolve("docs/strategy-language"));
        Files.writeString(dir.resolve(PromptBuilder.SCHEMA_PATH), "{\"title\": \"project schema\"}");
        Files.createDirectories(dir.resolve(PromptBuilder.EXAMPLES_DIR));
        for (String n : List.of("a", "b", "c")) Files.writeString(dir.resolve(PromptBuilder.EXAMPLES_DIR + "/" + n + ".yaml"), "id: ex_" + n);
        String prompt = new PromptBuilder(dir).systemPrompt();
        assertThat(prompt).contains("project schema").contains("id: ex_a").contains("id: ex_b").doesNotContain("id: ex_c")
                .doesNotContain("sma_crossover");
    }

    /** The embedded examples are valid documents of the language: the model is shown nothing it would have to repair. */
    @Test
    void theEmbeddedExamplesAreValidDocuments() {
        LoaderDocumentCheck check = new LoaderDocumentCheck();
        assertThat(check.errors(PromptBuilder.resource("example-sma-crossover.yaml"))).isEmpty();
        assertThat(check.errors(PromptBuilder.resource("example-rsi-mean-reversion.yaml"))).isEmpty();
        assertThat(check.errors("version: 1\nid: x\nuniverse: [A]\ntimeframe: 1d\nentry: {longWhen: 'close > 1'}\n"
                + "exit: {longWhen: 'close < 1'}\nsizing: {mode: fixed, quantity: 1}\nbogus: 1\n"))
                .singleElement().asString().contains("bogus");
    }
}
