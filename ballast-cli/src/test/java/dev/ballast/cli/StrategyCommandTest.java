package dev.ballast.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StrategyCommandTest {

    @Test
    void validDocumentPrintsItsSummary() {
        String file = "../examples/strategies/sma-crossover.yaml";
        CliRun run = CliRun.of("strategy", "validate", file);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo(file + ": valid (5 symbols, warm-up 30 bars)");
        CliRun rsi = CliRun.of("strategy", "validate", "../examples/strategies/rsi-mean-reversion.yaml");
        assertThat(rsi.out().strip()).endsWith(": valid (3 symbols, warm-up 199 bars)");
    }

    @Test
    void invalidDocumentPrintsEveryErrorAndExitsWith2(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                version: 1
                id: bad
                universe: [AAPL]
                timeframe: 2h
                entry: {longWhen: "close > smaa(close, 3)"}
                exit: {longWhen: "close < open"}
                sizing: {mode: fixed}
                """);
        CliRun run = CliRun.of("strategy", "validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines().toList()).containsExactly(
                file + ": timeframe: '2h' is not a timeframe; one of 1m, 5m, 15m, 30m, 1h, 4h, 1d",
                file + ": entry.longWhen: at 8: unknown function 'smaa'; valid: sma, ema, rsi, stddev, roc, highest, lowest, "
                        + "crosses_above, crosses_below, abs, min, max, log, sqrt",
                file + ": sizing.quantity: is required for sizing mode fixed: shares or contracts per entry, above 0");
    }

    @Test
    void missingFileAndMissingSubcommand() {
        CliRun run = CliRun.of("strategy", "validate", "nope.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("nope.yaml: (file): file not found");
        assertThat(CliRun.of("strategy").exitCode()).isEqualTo(2);
    }
}
