package dev.ballast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.cli.generate.StrategyRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Names, ids, symbols and keys from run configurations, strategy documents, data files and operators'
 * arguments carry ESC sequences and other controls here; whatever the CLI prints (summary, errors,
 * validation, lifecycle listing) holds none of them raw: the terminal shows {@code \u001B...} as text.
 */
class TerminalInjectionCliTest {
    /** A YAML double-quoted string: set the window title, clear the screen, a C1 CSI, a bidi override. */
    private static final String HOSTILE_YAML = "\\e]0;pwned\\a\\e[2J\\x9b31m\\u202Eevil";

    @TempDir
    Path dir;

    @BeforeEach
    void bars() {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "2", "--bars", "60", "--seed", "3", "--out", dir.resolve("bars.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
    }

    private static void assertNoRawControls(CliRun run) {
        assertNoRawControls("stdout", run.out());
        assertNoRawControls("stderr", run.err());
    }

    private static void assertNoRawControls(String stream, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (TerminalText.isControl(c) && c != '\n' && c != '\t') {
                fail(stream + " holds raw U+%04X at %d: %s", (int) c, i, TerminalText.safeLines(text));
            }
        }
    }

    private Path config(String name, String extra) throws IOException {
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
                run:
                  name: "%s"
                  initialCash: 100000
                  output: out
                data:
                  files: [bars.csv]
                strategies:
                  - id: sma
                    type: sma-crossover
                    symbols: [SYM000, SYM001]
                    params: {fast: 5, slow: 20, quantity: 10}
                """.formatted(name) + extra);
        return config;
    }

    @Test
    void aRunNamedWithEscapeSequencesPrintsItsSummaryEscaped() throws IOException {
        CliRun run = CliRun.of("backtest", "-q", config(HOSTILE_YAML, "").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Backtest \\u001B]0;pwned\\u0007\\u001B[2J\\u009B31m\\u202Eevil");
        assertNoRawControls(run);
    }

    @Test
    void aConfigErrorQuotingAHostileKeyIsEscaped() throws IOException {
        CliRun run = CliRun.of("backtest", "-q", config("ok", "\"" + HOSTILE_YAML + "\": 1\n").toString());
        assertThat(run.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(run.err()).contains("unknown key '\\u001B]0;pwned\\u0007\\u001B[2J");
        assertNoRawControls(run);
    }

    @Test
    void aSymbolWithControlCharactersIsRefusedAndNotEchoedRaw() throws IOException {
        Files.writeString(dir.resolve("bars.csv"), Files.readString(dir.resolve("bars.csv")).replace("SYM001", "SYM\u001b[2J\u009b1"));
        Path config = config("ok", "").resolveSibling("run.yaml");
        Files.writeString(config, Files.readString(config).replace("[SYM000, SYM001]", "[SYM000, \"SYM\\e[2J\\x9b1\"]"));
        CliRun run = CliRun.of("backtest", "-q", config.toString());
        // A symbol is an identifier: control and format characters are refused where it is read, by code point.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("U+001B");
        assertNoRawControls(run);
    }

    @Test
    void strategyValidateEscapesIdsAndSymbolsQuotedFromTheDocument() throws IOException {
        Path document = dir.resolve("hostile.yaml");
        Files.writeString(document, """
                version: 1
                id: "x%s"
                universe: ["A\\e[2J", "B\\x9b31m", "C\\u202E"]
                timeframe: 1d
                entry: {longWhen: "close > open"}
                exit: {longWhen: "close < open"}
                sizing: {mode: fixed, quantity: 1}
                """.formatted(HOSTILE_YAML));
        CliRun run = CliRun.of("strategy", "validate", document.toString());
        assertThat(run.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        // the validator writes symbols with its own backslash-u escapes (lower case); the id is escaped on printing
        assertThat(run.out()).contains("id: 'x\\u001B]0;pwned\\u0007\\u001B[2J\\u009B31m\\u202Eevil' is not valid")
                .containsIgnoringCase("universe[0]: 'A\\u001B[2J' is not a valid symbol").containsIgnoringCase("\\u009B31m");
        assertNoRawControls(run);
    }

    @Test
    void lifecycleCommandsEscapeOperatorTextAndTheListing() {
        Path registry = dir.resolve("registry");
        StrategyRegistry reg = new StrategyRegistry(registry);
        reg.write(reg.reserve("doc"), """
                version: 1
                id: doc
                universe: [SYM000]
                timeframe: 1d
                entry: {longWhen: "close > open"}
                exit: {longWhen: "close < open"}
                sizing: {mode: fixed, quantity: 1}
                """, new ObjectMapper().createObjectNode(), "generate", Instant.parse("2026-01-01T00:00:00Z"), s -> s);
        CliRun retire = CliRun.of("strategy", "retire", "doc", "--registry", registry.toString(),
                "--by", "eve\u001b]0;pwned\u0007", "--reason", "gone\u001b[2J\u202e");
        assertThat(retire.exitCode()).as(retire.err()).isZero();
        assertThat(retire.out()).contains("by eve\\u001B]0;pwned\\u0007: gone\\u001B[2J\\u202E");
        assertNoRawControls(retire);
        CliRun list = CliRun.of("strategies", "--registry", registry.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("eve\\u001B]0;pwned\\u0007");
        assertNoRawControls(list);
        CliRun unknown = CliRun.of("strategy", "retire", "no\u001b[2Jsuch", "--registry", registry.toString(), "--by", "x", "--reason", "y");
        assertThat(unknown.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertNoRawControls(unknown);
    }
}
