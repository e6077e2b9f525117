package dev.ballast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.cli.generate.StrategyRegistry;
import dev.ballast.cli.lifecycle.Lifecycle;
import dev.ballast.cli.lifecycle.LifecycleState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks on the strategy registry, through the commands: a record or document changed outside
 * Ballast is refused by name (strategy, what, file), and a Java strategy cannot be promoted under a
 * registry id.
 */
class RegistryIntegrityCliTest {
    private static final String ID = "sma_doc";
    private static final String DOCUMENT = """
            version: 1
            id: sma_doc
            universe: [SYM000, SYM001, SYM002]
            timeframe: 1d
            entry: {longWhen: "crosses_above(sma(close, 5), sma(close, 20))"}
            exit: {longWhen: "crosses_below(sma(close, 5), sma(close, 20))"}
            sizing: {mode: fixed, quantity: 10}
            """;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    Path registry;
    Lifecycle lifecycle;

    @BeforeEach
    void setUp() {
        registry = dir.resolve("registry");
        register(ID, DOCUMENT);
        lifecycle = new Lifecycle(new StrategyRegistry(registry));
    }

    private void register(String id, String document) {
        StrategyRegistry reg = new StrategyRegistry(registry);
        reg.write(reg.reserve(id), document, new ObjectMapper().createObjectNode(), "generate", T0, s -> s);
    }

    private void moveTo(LifecycleState... states) {
        Instant t = T0;
        for (LifecycleState state : states) {
            t = t.plusSeconds(60);
            lifecycle.transition(ID, state, t, "test", "setup", Map.of(), state == LifecycleState.LIVE ? 0.1 : null);
        }
    }

    private Path stateFile() {
        return registry.resolve(ID).resolve("state.json");
    }

    private Path documentFile() {
        return registry.resolve(ID).resolve("strategy.yaml");
    }

    private CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @Test
    void aDocumentEditedAfterBacktestedIsNotPromoted() throws IOException {
        moveTo(LifecycleState.BACKTESTED);
        Files.writeString(documentFile(), DOCUMENT.replace("quantity: 10", "quantity: 10000"));
        String before = Files.readString(stateFile());

        CliRun promote = cli("strategy", "promote", ID, "--registry", registry.toString(), "--to", "PAPER", "--by", "bob");

        assertThat(promote.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(promote.err()).contains("registry strategy sma_doc: strategy.yaml was changed after it was registered: its SHA-256 is ",
                ", the registry recorded ", "(" + documentFile() + ")");
        assertThat(Files.readString(stateFile())).isEqualTo(before);
    }

    @Test
    void aStateHandEditedToLiveIsListedAsCorruptNotLive() throws IOException {
        moveTo(LifecycleState.BACKTESTED);
        Files.writeString(stateFile(), Files.readString(stateFile()).replace("\"state\" : \"BACKTESTED\",\n  \"history\"",
                "\"state\" : \"LIVE\",\n  \"history\""));
        assertThat(Files.readString(stateFile())).contains("\"state\" : \"LIVE\"");

        CliRun list = cli("strategies", "--registry", registry.toString());

        assertThat(list.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).startsWith("sma_doc").contains("CORRUPT").doesNotContain("LIVE");
        assertThat(list.err()).contains("warning: registry strategy sma_doc: state.json says LIVE but its history ends in BACKTESTED",
                "(" + stateFile() + ")");
    }

    @Test
    void aLiveEntryAppendedByHandIsRefused() throws IOException {
        moveTo(LifecycleState.BACKTESTED);
        String forged = Files.readString(stateFile()).replaceFirst("\"state\" : \"BACKTESTED\",", "\"state\" : \"LIVE\",")
                .replaceFirst("\\}\\s*]", "}, {\"state\": \"LIVE\", \"time\": \"2026-02-01T00:00:00Z\", \"by\": \"mallory\"} ]");

        Files.writeString(stateFile(), forged);
        CliRun list = cli("strategies", "--registry", registry.toString());

        assertThat(list.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(list.out()).contains("CORRUPT").doesNotContain("LIVE");
        assertThat(list.err()).contains("registry strategy sma_doc: history entry 3 has no hash chain");
    }

    @Test
    void aRetiredStrategyEditedBackIsNotPromoted() throws IOException {
        moveTo(LifecycleState.BACKTESTED, LifecycleState.RETIRED);
        // back to BACKTESTED: the top-level state and the last entry's state
        String text = Files.readString(stateFile());
        int last = text.lastIndexOf("\"state\" : \"RETIRED\"");
        text = text.substring(0, last) + "\"state\" : \"BACKTESTED\"" + text.substring(last + "\"state\" : \"RETIRED\"".length());
        text = text.replaceFirst("\"state\" : \"RETIRED\"", "\"state\" : \"BACKTESTED\"");
        assertThat(text).doesNotContain("RETIRED");
        Files.writeString(stateFile(), text);

        CliRun promote = cli("strategy", "promote", ID, "--registry", registry.toString(), "--to", "PAPER", "--by", "bob");

        assertThat(promote.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(promote.err()).contains("registry strategy sma_doc: history entry 3 (BACKTESTED) was changed after it was written: "
                + "its hash does not match its content (" + stateFile() + ")");
        assertThat(Files.readString(stateFile())).isEqualTo(text);
    }

    @Test
    void aBacktestOfAnEditedRegistryDocumentIsRefused() throws IOException {
        assertThat(cli("data", "synth", "--symbols", "3", "--bars", "60", "--seed", "3", "--out", dir.resolve("bars.csv").toString())
                .exitCode()).isZero();
        Path config = dir.resolve("bt.yaml");
        Files.writeString(config, """
                run: {name: bt, initialCash: 100000, output: bt-out}
                data: {files: [bars.csv]}
                strategies:
                  - {id: sma_doc, type: document, symbols: [SYM000, SYM001, SYM002], params: {file: %s}}
                """.formatted(documentFile().toAbsolutePath()));
        assertThat(cli("backtest", "-q", config.toString()).exitCode()).as("the registered document runs").isZero();

        Files.writeString(documentFile(), DOCUMENT.replace("sma(close, 20)", "sma(close, 2)"));
        CliRun run = cli("backtest", "-q", config.toString(), "--out", dir.resolve("bt-out-2").toString());

        assertThat(run.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(run.err()).contains(config + ": strategy sma_doc: registry strategy sma_doc: strategy.yaml was changed after it was registered",
                documentFile().toString());
        assertThat(dir.resolve("bt-out-2")).doesNotExist();
    }

    @Test
    void aJavaStrategyGivenTheRegistryIdIsNotPromoted() throws IOException {
        moveTo(LifecycleState.BACKTESTED, LifecycleState.PAPER);
        assertThat(cli("data", "synth", "--symbols", "3", "--bars", "120", "--seed", "5", "--out", dir.resolve("bars.csv").toString())
                .exitCode()).isZero();
        Path config = dir.resolve("paper.yaml");
        Files.writeString(config, """
                run: {name: paper, initialCash: 100000, output: paper-out}
                data: {files: [bars.csv]}
                strategies:
                  - {id: sma_doc, type: sma-crossover, symbols: [SYM000, SYM001, SYM002], params: {fast: 5, slow: 20, quantity: 10}}
                """);
        Path paper = dir.resolve("paper-out");
        CliRun run = cli("paper", "-q", "--speed", "max", config.toString(), "--out", paper.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        CliRun live = cli("strategy", "promote", ID, "--registry", registry.toString(), "--to", "LIVE", "--paper-run", paper.toString(),
                "--approved-by", "carol");

        assertThat(live.exitCode()).isEqualTo(BallastCli.GATE_FAILED);
        assertThat(live.out()).contains("sma_doc stays PAPER", paper + " ran sma_doc as a Java strategy, not the registry's document");
        assertThat(lifecycle.read(ID).state()).isEqualTo(LifecycleState.PAPER);
    }

    @Test
    void oneCorruptRecordDoesNotHideTheOthers() throws IOException {
        register("other", DOCUMENT.replace("id: sma_doc", "id: other"));
        Files.writeString(stateFile(), "{ not json");

        CliRun list = cli("strategies", "--registry", registry.toString());

        assertThat(list.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(list.out().lines().toList()).hasSize(3);
        assertThat(list.out()).containsPattern("(?m)^other +CANDIDATE +2026-01-01T00:00:00Z +generate$")
                .containsPattern("(?m)^sma_doc +CORRUPT$");
        assertThat(list.err()).contains("warning: registry strategy sma_doc: state.json cannot be read", stateFile().toString(),
                "1 of 2 strategies failed the registry check");
    }

    @Test
    void aGeneratedDocumentWhoseStateRecordIsDeletedNeitherRunsNorVanishesFromTheList() throws IOException {
        Files.writeString(registry.resolve(ID).resolve("provenance.json"), "{\"model\": \"stub\"}");
        Files.delete(stateFile());
        assertThat(cli("data", "synth", "--symbols", "3", "--bars", "60", "--seed", "3", "--out", dir.resolve("bars.csv").toString())
                .exitCode()).isZero();
        Path config = dir.resolve("bt.yaml");
        Files.writeString(config, """
                run: {name: bt, initialCash: 100000, output: bt-out}
                data: {files: [bars.csv]}
                strategies:
                  - {id: sma_doc, type: document, symbols: [SYM000, SYM001, SYM002], params: {file: %s}}
                """.formatted(documentFile().toAbsolutePath()));

        CliRun run = cli("backtest", "-q", config.toString());
        CliRun list = cli("strategies", "--registry", registry.toString());

        assertThat(run.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(run.err()).contains("registry strategy sma_doc: state.json is missing beside provenance.json", stateFile().toString());
        assertThat(list.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(list.out()).containsPattern("(?m)^sma_doc +CORRUPT$");
        assertThat(list.err()).contains("registry strategy sma_doc: state.json is missing beside provenance.json");
    }
}
