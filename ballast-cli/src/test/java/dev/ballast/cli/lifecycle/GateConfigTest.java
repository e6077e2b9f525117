package dev.ballast.cli.lifecycle;

import dev.ballast.runtime.plan.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A gate configuration refuses duplicate keys and YAML anchors/aliases as a run configuration does. */
class GateConfigTest {
    @TempDir
    Path dir;

    private static final String GATE = """
            data: {files: [bars.csv], zone: UTC, kind: bars}
            initialCash: 100000
            thresholds:
              minTrades: 5
              maxDrawdownPct: 25
            """;

    private Path write(String yaml) throws IOException {
        Path gate = dir.resolve("gate.yaml");
        Files.writeString(gate, yaml);
        return gate;
    }

    @Test
    void refusesDuplicateKeyWithFileAndLine() throws IOException {
        Path gate = write(GATE + "  maxDrawdownPct: 90\n");
        assertThatThrownBy(() -> GateConfig.load(gate)).isInstanceOf(ConfigException.class)
                .hasMessage(gate + ":6: thresholds.maxDrawdownPct: duplicate key; each key may be given once (a second one would silently replace the first)");
    }

    @Test
    void refusesAnchorsAndAliasesWithFileAndLine() throws IOException {
        Path gate = write(GATE.replace("minTrades: 5", "minTrades: &n 5\n  lookaheadCuts: *n"));
        assertThatThrownBy(() -> GateConfig.load(gate)).isInstanceOf(ConfigException.class)
                .hasMessage(gate + ":4: not valid YAML: anchor '&n' is not allowed: YAML anchors and aliases are refused; write the value out");
    }

    @Test
    void aPlainGateConfigurationLoads() throws IOException {
        assertThat(GateConfig.load(write(GATE)).thresholds().minTrades()).isEqualTo(5);
    }
}
