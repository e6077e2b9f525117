package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a document, a strategy's parameters or a data file says may crash the engine: figures beyond the
 * fixed point used to throw ArithmeticException out of the risk rules, ending the run (exit 1, a stack
 * trace, every other strategy lost).
 */
class FiguresOverflowCliTest {
    @TempDir
    Path dir;

    private void synth() {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "2", "--bars", "80", "--seed", "9", "--out",
                dir.resolve("bars.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
    }

    private Path config(String strategies) throws IOException {
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
                run: {name: overflow, initialCash: 100000, output: out}
                data: {files: [bars.csv]}
                strategies:
                """ + strategies);
        return config;
    }

    private JsonNode results() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
    }

    @Test
    void anOrderWhoseNotionalOverflowsIsDeniedAndTheOtherStrategyKeepsTrading() throws IOException {
        synth();
        Path config = config("""
                  - {id: huge, type: sma-crossover, symbols: [SYM000], params: {fast: 5, slow: 20, quantity: 1000000000}}
                  - {id: sane, type: sma-crossover, symbols: [SYM001], params: {fast: 5, slow: 20, quantity: 10}}
                """);

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("ArithmeticException");
        JsonNode results = results();
        assertThat(results.get("riskDenialsByReason").get("FIGURES_OVERFLOW").asLong()).isPositive();
        List<String> fills = Files.readAllLines(dir.resolve("out/fills.csv"));
        assertThat(fills.stream().skip(1)).isNotEmpty().allMatch(line -> line.contains(",sane,"));
        CliRun export = CliRun.of("audit", "export", dir.resolve("out").toString());
        assertThat(export.out()).contains("FIGURES_OVERFLOW").contains("BUY 1000000000 SYM000");
    }

    @Test
    void aDocumentWhoseSizingOverflowsSendsNoOrderInsteadOfCrashing() throws IOException {
        synth();
        Files.writeString(dir.resolve("doc.yaml"), """
                version: 1
                id: doc
                universe: [SYM000]
                timeframe: 1d
                entry: {longWhen: "close > 0"}
                exit: {longWhen: "close < 0"}
                sizing: {mode: fixed, quantity: 1000000000}
                """);
        Path config = config("""
                  - {id: doc, type: document, symbols: [SYM000], params: {file: doc.yaml}}
                """);

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/orders.csv"))).hasSize(1);
    }

    @Test
    void aPriceTheFixedPointCannotValueIsABadRowWithFileAndLine() throws IOException {
        synth();
        List<String> lines = Files.readAllLines(dir.resolve("bars.csv"));
        String[] row = lines.get(5).split(",");
        row[3] = "50000000000";   // high
        lines.set(5, String.join(",", row));
        Files.write(dir.resolve("bars.csv"), lines);
        Path config = config("""
                  - {id: s, type: sma-crossover, symbols: [SYM000, SYM001], params: {fast: 5, slow: 20, quantity: 10}}
                """);

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(run.err()).contains("bars.csv:6:").contains("high 50000000000 is above the largest price accepted")
                .doesNotContain("\tat ");
    }
}
