package dev.ballast.runtime.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus: documents that try to exhaust or confuse the language. Each is refused with
 * the expected path, or, for the ones that are safe to evaluate (division by zero, NaN-producing
 * math), accepted: the evaluator defines them (no value; a condition with no value is undefined and never fires).
 */
class StrategyCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/strategy-corpus");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "huge-lookback.yaml                    | entry.longWhen: at 14: lookback 5000 is too deep",
            "deep-nesting.yaml                     | entry.longWhen: at 32: expression nested more than 32 levels deep",
            "long-expression.yaml                  | entry.longWhen: at 2000: expression is 10005 characters long",
            "enormous-universe.yaml                | universe: has 10000 symbols; at most 50",
            "division-by-zero.yaml                 | VALID",
            "nan-math.yaml                         | VALID",
            "unknown-indicator.yaml                | indicators.x.type: unknown indicator 'vwap'; one of sma, ema",
            "unknown-function.yaml                 | entry.longWhen: at 8: unknown function 'macd'; valid: sma, ema",
            "unknown-symbol-characters.yaml        | universe[1]: '../../etc/passwd' is not a valid symbol",
            "conflicting-rules.yaml                | exit.longWhen: is the same condition as entry.longWhen",
            "non-boolean-condition.yaml            | entry.longWhen: at 0: a condition must be true or false",
            "billion-laughs.yaml                   | (document): not valid YAML (line 4): anchor '&a' is not allowed",
            "billion-laughs-in-known-key.yaml      | (document): not valid YAML (line 4): anchor '&g0' is not allowed",
            "unknown-key.yaml                      | exec: unknown key; valid keys: description, entry, exit, exits, id, indicators, risk, sizing, timeframe, universe, version",
            "loosening-risk.yaml                   | risk.position.maxQuantity: must be positive, was -5",
    })
    void hostileDocumentsAreRefusedOrSafe(String file, String expected) {
        StrategyDocumentLoader.LoadResult result = StrategyDocumentLoader.load(CORPUS.resolve("hostile").resolve(file));
        if (expected.equals("VALID")) {
            assertThat(result.errors()).isEmpty();
            assertThat(result.document()).isNotNull();
        } else {
            assertThat(result.document()).isNull();
            assertThat(result.errors()).as(result.errors().toString()).anySatisfy(e -> assertThat(e).startsWith(expected));
        }
    }

    @Test
    void conflictingRulesAreAllReported() {
        assertThat(StrategyDocumentLoader.load(CORPUS.resolve("hostile/conflicting-rules.yaml")).errors())
                .extracting(e -> e.substring(0, e.indexOf(':')))
                .containsExactly("exit.shortWhen", "exit.longWhen", "exits.takeProfitPct");
    }

    @Test
    void everyHostileFileIsInTheTable() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("hostile"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(15);
        }
    }

    @Test
    void billionLaughsInAnExpressionFieldStaysBounded() {
        // Anchors and aliases are refused before anything is built (StrictYaml), at the first anchor;
        // SnakeYAML's alias limit (MAX_YAML_ALIASES) bounds the event stream as well.
        StringBuilder yaml = new StringBuilder("version: 1\nid: x\ntimeframe: 1d\nuniverse: &u [AAPL]\n");
        yaml.append("description: &d0 lol\n");
        for (int i = 1; i <= 30; i++) yaml.append("x").append(i).append(": &d").append(i).append(" [*d").append(i - 1).append(", *d").append(i - 1).append("]\n");
        StrategyDocumentLoader.LoadResult result = StrategyDocumentLoader.parse(yaml.toString(), "bomb.yaml");
        assertThat(result.document()).isNull();
        assertThat(result.errors()).singleElement().asString().satisfiesAnyOf(
                e -> assertThat(e).startsWith("x1: unknown key"), e -> assertThat(e).contains("aliases"));
    }

    @Test
    void oversizedFilesAreRefusedBeforeParsing(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        String valid = Files.readString(CORPUS.resolve("valid/sma-crossover.yaml"));
        Files.writeString(big, valid + "#".repeat(300 * 1024) + "\n");
        StrategyDocumentLoader.LoadResult result = StrategyDocumentLoader.load(big);
        assertThat(result.errors()).singleElement().asString().startsWith("(file): oversized: ")
                .contains("at most 262144 bytes (256 KiB)");
        assertThat(StrategyDocumentLoader.parse(valid + "#".repeat(300 * 1024), "llm.yaml").errors())
                .singleElement().asString().startsWith("(file): oversized");
    }

    static Stream<Path> validDocuments() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("valid"))) {
            List<Path> list = files.sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(4);
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("validDocuments")
    void validDocumentsAreAccepted(Path file) {
        StrategyDocumentLoader.LoadResult result = StrategyDocumentLoader.load(file);
        assertThat(result.errors()).isEmpty();
        assertThat(result.document()).isNotNull();
    }

    @Test
    void theExamplesAreTheCorpusCopies() throws IOException {
        for (String name : List.of("sma-crossover.yaml", "rsi-mean-reversion.yaml")) {
            assertThat(Files.readString(Path.of("../examples/strategies", name)))
                    .isEqualTo(Files.readString(CORPUS.resolve("valid").resolve(name)));
        }
    }
}
