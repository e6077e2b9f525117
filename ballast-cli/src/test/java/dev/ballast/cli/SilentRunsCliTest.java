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
 * Runs that used to go by silently with no trades, or print nonsense: a strategy symbol with no data
 * (refused), a data file with only a header and a document quantity below one lot (warned), a run name of
 * any length (capped), and annualized figures of a run far too short to annualize (n/a).
 */
class SilentRunsCliTest {
    @TempDir
    Path dir;

    private void synth(String file, int symbols, int bars, String interval) {
        CliRun synth = CliRun.of("data", "synth", "--symbols", String.valueOf(symbols), "--bars", String.valueOf(bars),
                "--seed", "3", "--interval", interval, "--out", dir.resolve(file).toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
    }

    private Path config(String name, String files, String symbols, String strategy) throws IOException {
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
                run: {name: %s, initialCash: 100000, output: out}
                data: {files: [%s]}
                strategies:
                  - {id: s, symbols: [%s], %s}
                """.formatted(name, files, symbols, strategy));
        return config;
    }

    private static final String SMA = "type: sma-crossover, params: {fast: 5, slow: 20, quantity: 10}";

    @Test
    void refusesAStrategySymbolAbsentFromTheDataNamingItAndTheFiles() throws IOException {
        synth("bars.csv", 2, 50, "1d");
        Path config = config("t", "bars.csv", "SYM000, SYM007", SMA);

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(run.err()).contains("no data for symbol SYM007 (strategy s)").contains(dir.resolve("bars.csv").toString())
                .doesNotContain("SYM000 (").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void warnsOfADataFileWithOnlyAHeader() throws IOException {
        synth("bars.csv", 1, 50, "1d");
        Files.writeString(dir.resolve("empty.csv"), "timestamp,symbol,open,high,low,close,volume\n");
        Path config = config("t", "bars.csv, empty.csv", "SYM000", SMA);

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: data file " + dir.resolve("empty.csv") + " has a header but no data rows");
    }

    @Test
    void warnsOfADocumentQuantityThatRoundsDownToZeroLots() throws IOException {
        synth("bars.csv", 1, 50, "1d");
        Files.writeString(dir.resolve("doc.yaml"), """
                version: 1
                id: doc
                universe: [SYM000]
                timeframe: 1d
                entry: {longWhen: "close > 0"}
                exit: {longWhen: "close < 0"}
                sizing: {mode: fixed, quantity: 0.5}
                """);
        Path config = config("t", "bars.csv", "SYM000", "type: document, params: {file: doc.yaml}");

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: strategy s (").contains("sizing.quantity 0.5 rounds down to 0 lots of SYM000 (lot size 1)");
    }

    @Test
    void refusesARunNameOverTwoHundredCharacters() throws IOException {
        synth("bars.csv", 1, 50, "1d");
        Path config = config("n".repeat(201), "bars.csv", "SYM000", SMA);

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(run.err()).contains("run.name: is 201 characters long; a run name is at most 200");
        assertThat(CliRun.of("backtest", "-q", config("n".repeat(200), "bars.csv", "SYM000", SMA).toString()).exitCode()).isZero();
    }

    @Test
    void doesNotAnnualizeAThreeHundredSecondRun() throws IOException {
        synth("bars.csv", 1, 300, "1s");
        Path config = config("short", "bars.csv", "SYM000", SMA);

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("Annualized return +n/a +n/a").containsPattern("Calmar +n/a +n/a");
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        JsonNode account = results.get("performance").get("account");
        assertThat(account.get("annualizedReturn").isNull()).isTrue();
        assertThat(account.get("calmar").isNull()).isTrue();
        assertThat(results.get("performance").get("definitions").get("minAnnualizedSpanDays").asDouble()).isEqualTo(30);
        String report = Files.readString(dir.resolve("out/report.html"));
        assertThat(report).contains("n/a").doesNotContainPattern("\\d{30}");
    }
}
