package dev.ballast.runtime.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run configuration refuses duplicate keys and YAML anchors/aliases, naming the file, the line and the key. */
class StrictYamlConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private static final String STRATEGIES = """
            data:
              files: [bars.csv]
            strategies:
              - id: sma
                type: sma-crossover
                symbols: [SYM000]
                params: {fast: 5, slow: 20, quantity: 10}
            """;

    @Test
    void refusesDuplicateKeyWithFileAndLine() throws IOException {
        Path config = write("run:\n  name: test\n  initialCash: 100000\n  initialCash: 5\n" + STRATEGIES);
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessage(config + ":4: run.initialCash: duplicate key; each key may be given once (a second one would silently replace the first)");
    }

    @Test
    void refusesDuplicateKeyInsideAListItemNamingItsPath() throws IOException {
        Path config = write("run: {name: test, initialCash: 100000}\n" + STRATEGIES.replace("params: {fast: 5,", "params: {fast: 5, fast: 7,"));
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(config + ":8: strategies[0].params.fast: duplicate key");
    }

    @Test
    void refusesDuplicateTopLevelSection() throws IOException {
        Path config = write("run: {name: test, initialCash: 100000}\n" + STRATEGIES + "data:\n  files: [other.csv]\n");
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(config + ":9: data: duplicate key");
    }

    @Test
    void refusesAnAliasThatWouldReadAsItsAnchorsName() throws IOException {
        Path config = write("run: {name: test, initialCash: 100000}\n" + STRATEGIES.replace("symbols: [SYM000]", "symbols: [&SYM001 SYM000, *SYM001]"));
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessage(config + ":7: not valid YAML: anchor '&SYM001' is not allowed: YAML anchors and aliases are refused; write the value out");
    }

    @Test
    void refusesAnAnchoredMappingAndItsMergeKey() throws IOException {
        Path config = write("run: &base {name: test, initialCash: 100000}\n" + STRATEGIES);
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(config + ":1: not valid YAML: anchor '&base' is not allowed");
    }

    @Test
    void aConfigurationWithoutDuplicatesOrAnchorsStillLoads() throws IOException {
        RunConfig config = ConfigLoader.load(write("run: {name: test, initialCash: 100000}\n" + STRATEGIES));
        assertThat(config.strategies()).hasSize(1);
    }
}
