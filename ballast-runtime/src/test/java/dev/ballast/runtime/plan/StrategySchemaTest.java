package dev.ballast.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.strategy.lang.StrategyDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema names exactly the records' fields, so it cannot drift from the loader. */
class StrategySchemaTest {
    private static final JsonNode SCHEMA;

    static {
        try {
            SCHEMA = new ObjectMapper().readTree(Path.of("../docs/strategy-language/strategy-v1.schema.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> keys(JsonNode properties) {
        Set<String> keys = new TreeSet<>();
        properties.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> components(Class<?> record) {
        return new TreeSet<>(Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList());
    }

    @Test
    void schemaMatchesTheRecords() {
        JsonNode defs = SCHEMA.get("$defs");
        assertThat(SCHEMA.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(keys(SCHEMA.get("properties"))).isEqualTo(components(StrategyDocument.class));
        assertThat(keys(defs.get("indicator").get("properties"))).isEqualTo(components(StrategyDocument.IndicatorSpec.class));
        assertThat(keys(defs.get("conditions").get("properties"))).isEqualTo(components(StrategyDocument.Conditions.class));
        assertThat(keys(defs.get("sizing").get("properties"))).isEqualTo(components(StrategyDocument.Sizing.class));
        assertThat(keys(defs.get("exitRules").get("properties"))).isEqualTo(components(StrategyDocument.ExitRules.class));
        JsonNode risk = defs.get("risk").get("properties");
        assertThat(keys(risk)).isEqualTo(components(RunConfig.StrategyRisk.class));
        assertThat(keys(risk.get("order").get("properties"))).isEqualTo(components(RunConfig.OrderRisk.class));
        assertThat(keys(risk.get("position").get("properties"))).isEqualTo(components(RunConfig.PositionRisk.class));
        assertThat(keys(risk.get("loss").get("properties"))).isEqualTo(components(RunConfig.LossRisk.class));
        assertThat(keys(risk.get("performance").get("properties"))).isEqualTo(components(RunConfig.PerformanceRisk.class));
    }
}
