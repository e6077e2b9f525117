package dev.ballast.cli.lifecycle;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.TreeMap;
import org.assertj.core.api.Assertions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.cli.generate.StateChain;
import dev.ballast.cli.generate.StrategyRegistry;
import dev.ballast.runtime.plan.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleTest {
    @TempDir
    Path dir;

    private Lifecycle registered(String id) {
        StrategyRegistry registry = new StrategyRegistry(dir);
        StrategyRegistry.Reservation r = registry.reserve(id);
        registry.write(r, "id: " + id + "\n", new ObjectMapper().createObjectNode(), "generate", Instant.parse("2026-01-01T00:00:00Z"), s -> s);
        return new Lifecycle(registry);
    }

    @Test
    void transitionsAppendHistoryWithReasonAndFigures() throws IOException {
        Lifecycle lifecycle = registered("s1");
        lifecycle.transition("s1", LifecycleState.BACKTESTED, Instant.parse("2026-01-02T00:00:00Z"), "alice", "gate passed",
                Map.of("trades", 7, "maxDrawdownPct", 3.5), null);
        lifecycle.transition("s1", LifecycleState.PAPER, Instant.parse("2026-01-03T00:00:00Z"), "bob", "promoted", Map.of(), null);
        lifecycle.transition("s1", LifecycleState.LIVE, Instant.parse("2026-01-04T00:00:00Z"), "carol", "probation passed",
                Map.of("trackingErrorPct", 1.2), 0.1);

        Lifecycle.Record record = lifecycle.read("s1");
        assertThat(record.state()).isEqualTo(LifecycleState.LIVE);
        assertThat(record.capitalFraction()).isEqualTo(0.1);
        assertThat(record.history()).extracting(Lifecycle.Entry::state).containsExactly(LifecycleState.CANDIDATE,
                LifecycleState.BACKTESTED, LifecycleState.PAPER, LifecycleState.LIVE);
        assertThat(record.history().get(1).figures()).containsEntry("trades", 7).containsEntry("maxDrawdownPct", 3.5);
        assertThat(record.history().get(1).by()).isEqualTo("alice");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("s1/state.json").toFile());
        assertThat(json.get("state").asText()).isEqualTo("LIVE");
        assertThat(json.get("history").get(3).get("reason").asText()).isEqualTo("probation passed");
        try (var files = Files.list(dir.resolve("s1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("strategy.yaml", "provenance.json", "state.json");
        }
    }

    @Test
    void illegalTransitionIsRefusedAndLeavesTheFileAlone() throws IOException {
        Lifecycle lifecycle = registered("s2");
        String before = Files.readString(dir.resolve("s2/state.json"));
        assertThatThrownBy(() -> lifecycle.transition("s2", LifecycleState.PAPER, Instant.now(), "x", null, Map.of(), null))
                .isInstanceOf(LifecycleException.class).hasMessage("s2 is CANDIDATE; PAPER needs BACKTESTED first");
        assertThat(Files.readString(dir.resolve("s2/state.json"))).isEqualTo(before);
        lifecycle.transition("s2", LifecycleState.RETIRED, Instant.now(), "x", "unused", Map.of(), null);
        assertThatThrownBy(() -> lifecycle.transition("s2", LifecycleState.BACKTESTED, Instant.now(), "x", null, Map.of(), null))
                .hasMessage("s2 is RETIRED; nothing leaves RETIRED");
    }

    @Test
    void refusedGateIsRecordedWithoutChangingTheState() {
        Lifecycle lifecycle = registered("s3");
        lifecycle.recordRefusal("s3", Instant.now(), "x", "backtest gate failed: too few trades", Map.of("trades", 0));
        Lifecycle.Record record = lifecycle.read("s3");
        assertThat(record.state()).isEqualTo(LifecycleState.CANDIDATE);
        assertThat(record.last().reason()).contains("too few trades");
        assertThat(record.latestFigures()).containsEntry("trades", 0);
    }

    @Test
    void unknownStrategyIsNamed() {
        Lifecycle lifecycle = registered("s4");
        assertThatThrownBy(() -> lifecycle.read("nope")).isInstanceOf(LifecycleException.class).hasMessageContaining("no strategy nope");
        assertThat(lifecycle.ids()).containsExactly("s4");
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ObjectNode stateJson(String id) throws IOException {
        return (ObjectNode) JSON.readTree(dir.resolve(id).resolve("state.json").toFile());
    }

    private void writeState(String id, JsonNode root) throws IOException {
        Files.writeString(dir.resolve(id).resolve("state.json"), JSON.writeValueAsString(root));
    }

    @Test
    void everyEntryRecordsTheDocumentHashAndChainsFromTheGenesisValue() throws IOException {
        Lifecycle lifecycle = registered("c1");
        lifecycle.transition("c1", LifecycleState.BACKTESTED, Instant.parse("2026-01-02T00:00:00Z"), "alice", "gate passed", Map.of("trades", 7), null);
        lifecycle.recordRefusal("c1", Instant.parse("2026-01-03T00:00:00Z"), "bob", "nope", Map.of("x", 1.25));

        String documentHash = Sha256.ofFile(dir.resolve("c1/strategy.yaml"));
        JsonNode history = stateJson("c1").get("history");
        assertThat(history).hasSize(3);
        String previous = StateChain.GENESIS;
        for (JsonNode entry : history) {
            assertThat(entry.get("documentSha256").asText()).isEqualTo(documentHash);
            assertThat(entry.get("previous").asText()).isEqualTo(previous);
            assertThat(entry.get("hash").asText()).isEqualTo(StateChain.hashOf(entry)).hasSize(64);
            previous = entry.get("hash").asText();
        }
        assertThat(lifecycle.read("c1").documentSha256()).isEqualTo(documentHash);
    }

    @Test
    void aRemovedEntryBreaksTheChainAndIsNamed() throws IOException {
        Lifecycle lifecycle = registered("c2");
        lifecycle.recordRefusal("c2", Instant.parse("2026-01-02T00:00:00Z"), "x", "gate failed", Map.of());
        lifecycle.transition("c2", LifecycleState.BACKTESTED, Instant.parse("2026-01-03T00:00:00Z"), "x", "gate passed", Map.of(), null);
        ObjectNode root = stateJson("c2");
        ((ArrayNode) root.get("history")).remove(1);   // hide the failed attempt
        writeState("c2", root);

        assertThatThrownBy(() -> lifecycle.read("c2")).isInstanceOf(LifecycleException.class)
                .hasMessage("registry strategy c2: history entry 2 does not chain from entry 1 (an entry was removed, inserted or reordered) ("
                        + dir.resolve("c2/state.json") + ")");
    }

    @Test
    void aRehashedChainWithAnIllegalMoveIsRefused() throws IOException {
        Lifecycle lifecycle = registered("c3");
        ObjectNode root = stateJson("c3");
        ObjectNode first = (ObjectNode) root.get("history").get(0);
        ObjectNode live = JSON.createObjectNode().put("state", "LIVE").put("time", "2026-01-02T00:00:00Z")
                .put("documentSha256", first.get("documentSha256").asText());
        StateChain.seal(live, first.get("hash").asText());   // the forger knows the rule
        ((ArrayNode) root.get("history")).add(live);
        root.put("state", "LIVE");
        writeState("c3", root);

        assertThatThrownBy(() -> lifecycle.read("c3"))
                .hasMessageStartingWith("registry strategy c3: history entry 2 moves CANDIDATE to LIVE, which the lifecycle does not allow");
    }

    @Test
    void anEditedCapitalFractionIsRefused() throws IOException {
        Lifecycle lifecycle = registered("c4");
        lifecycle.transition("c4", LifecycleState.BACKTESTED, Instant.parse("2026-01-02T00:00:00Z"), "x", "ok", Map.of(), null);
        lifecycle.transition("c4", LifecycleState.PAPER, Instant.parse("2026-01-03T00:00:00Z"), "x", "ok", Map.of(), null);
        lifecycle.transition("c4", LifecycleState.LIVE, Instant.parse("2026-01-04T00:00:00Z"), "x", "ok", Map.of(), 0.1);
        ObjectNode root = stateJson("c4");
        root.put("capitalFraction", 1.0);
        writeState("c4", root);

        assertThatThrownBy(() -> lifecycle.read("c4"))
                .hasMessageStartingWith("registry strategy c4: state.json's capitalFraction 1.0 is not the one its last entry recorded (0.1)");
    }

    @Test
    void aRecordWithoutAHashChainIsRefused() throws IOException {
        Lifecycle lifecycle = registered("c5");
        Files.writeString(dir.resolve("c5/state.json"),
                "{\"state\": \"CANDIDATE\", \"history\": [{\"state\": \"CANDIDATE\", \"time\": \"2026-01-01T00:00:00Z\", \"by\": \"generate\"}]}");

        assertThatThrownBy(() -> lifecycle.read("c5"))
                .hasMessageStartingWith("registry strategy c5: history entry 1 has no hash chain (previous, hash)");
    }

    @Test
    void aProvenanceThatNamesAnotherDocumentIsRefused() throws IOException {
        Lifecycle lifecycle = registered("c6");
        Files.writeString(dir.resolve("c6/provenance.json"), "{\"documentSha256\": \"" + "ab".repeat(32) + "\"}");

        assertThatThrownBy(() -> lifecycle.read("c6"))
                .hasMessageStartingWith("registry strategy c6: provenance.json records the document SHA-256 " + "ab".repeat(32));
    }

    @Test
    void trackingErrorIsTheAnnualizedStdDevOfDailyReturnDifferences() {
        var a = new TreeMap<LocalDate, Double>();
        var b = new TreeMap<LocalDate, Double>();
        LocalDate day = LocalDate.of(2020, 1, 1);
        double[] pa = {100, 101, 100, 102, 103};
        double[] pb = {100, 100, 100, 100, 100};
        for (int i = 0; i < pa.length; i++) {
            a.put(day.plusDays(i), pa[i]);
            b.put(day.plusDays(i), pb[i]);
        }
        double[] d = {0.01, 100.0 / 101 - 1, 0.02, 103.0 / 102 - 1};
        double mean = Arrays.stream(d).average().orElseThrow();
        double var = Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum() / 3;
        assertThat(ProbationGate.trackingError(a, b)).isCloseTo(Math.sqrt(var) * Math.sqrt(252), Assertions.within(1e-12));
        assertThat(ProbationGate.trackingError(a, a)).isZero();
        assertThat(ProbationGate.trackingError(new TreeMap<>(), b)).isNull();
    }
}
