package dev.ballast.cli.lifecycle;

import java.util.TreeSet;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.JacksonErrors;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.runtime.plan.StrictYaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A gate configuration (YAML): the data and market terms a strategy is judged on, and the thresholds.
 * <pre>
 * data: {files: [bars.csv], zone: UTC, kind: bars}   files relative to this file
 * initialCash: 100000
 * broker: {...}                                      as in a run configuration (optional)
 * analytics: {...}                                   as in a run configuration (optional)
 * thresholds:                                        the backtest gate
 *   minTrades: 5                 closed trades of the full run, at least
 *   maxDrawdownPct: 25           max drawdown of the full run, at most (percent of peak equity)
 *   minOutOfSampleSharpe: 0.5    Sharpe of the out-of-sample run, at least
 *   outOfSamplePct: 30           the last X% of the data's time span is out-of-sample (default 30)
 *   lookaheadCuts: 3             truncation points of the lookahead check (default 3)
 * probation:                                         the paper probation before LIVE
 *   minDays: 20                  the paper run's data time span, at least (days)
 *   minTrades: 2                 closed trades of the paper run, at least
 *   maxTrackingErrorPct: 5       annualized tracking error against the backtest, at most (percent)
 *   initialCapitalFraction: 0.1  the fraction of the allocation a LIVE strategy starts with
 * </pre>
 * Duplicate keys and YAML anchors/aliases are refused with the file and line, as in a run configuration.
 */
public record GateConfig(Path file, JsonNode root, Thresholds thresholds, Probation probation) {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final Set<String> TOP = Set.of("data", "initialCash", "broker", "analytics", "thresholds", "probation", "instruments");
    private static final Set<String> THRESHOLDS = Set.of("minTrades", "maxDrawdownPct", "minOutOfSampleSharpe", "outOfSamplePct", "lookaheadCuts");
    private static final Set<String> PROBATION = Set.of("minDays", "minTrades", "maxTrackingErrorPct", "initialCapitalFraction");

    public record Thresholds(int minTrades, double maxDrawdownPct, double minOutOfSampleSharpe, double outOfSamplePct, int lookaheadCuts) {
    }

    public record Probation(double minDays, int minTrades, double maxTrackingErrorPct, double initialCapitalFraction) {
        public static final Probation DEFAULT = new Probation(20, 2, 5, 0.1);
    }

    public static GateConfig load(Path file) {
        JsonNode root;
        try {
            byte[] yaml = Files.readAllBytes(file);
            StrictYaml.refuseAnchorsAndAliases(new String(yaml, StandardCharsets.UTF_8));
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String duplicate = JacksonErrors.duplicateKey(e);
            throw new ConfigException(file + where(e.getLocation()) + ": " + (duplicate != null ? JacksonErrors.duplicateKeyMessage(duplicate)
                    : "not valid YAML: " + e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the gate configuration: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new ConfigException(file + ": the gate configuration must be a mapping");
        unknown(file, "", root, TOP);
        if (!root.path("data").path("files").isArray() || root.path("data").path("files").isEmpty()) {
            throw new ConfigException(file + ": data.files: required, a list of data files");
        }
        if (!root.path("initialCash").isNumber()) throw new ConfigException(file + ": initialCash: required, a number");
        JsonNode t = root.path("thresholds");
        unknown(file, "thresholds.", t, THRESHOLDS);
        Thresholds thresholds = new Thresholds(
                (int) number(file, "thresholds.minTrades", t, "minTrades", 1, 0, 1e9),
                number(file, "thresholds.maxDrawdownPct", t, "maxDrawdownPct", 25, 0, 100),
                number(file, "thresholds.minOutOfSampleSharpe", t, "minOutOfSampleSharpe", 0, -100, 100),
                number(file, "thresholds.outOfSamplePct", t, "outOfSamplePct", 30, 1, 99),
                (int) number(file, "thresholds.lookaheadCuts", t, "lookaheadCuts", 3, 1, 20));
        JsonNode p = root.path("probation");
        unknown(file, "probation.", p, PROBATION);
        Probation d = Probation.DEFAULT;
        Probation probation = new Probation(
                number(file, "probation.minDays", p, "minDays", d.minDays(), 0, 1e6),
                (int) number(file, "probation.minTrades", p, "minTrades", d.minTrades(), 0, 1e9),
                number(file, "probation.maxTrackingErrorPct", p, "maxTrackingErrorPct", d.maxTrackingErrorPct(), 0, 1e6),
                number(file, "probation.initialCapitalFraction", p, "initialCapitalFraction", d.initialCapitalFraction(), 1e-9, 1));
        return new GateConfig(file, root, thresholds, probation);
    }

    /**
     * A run plan for {@code strategyId} (a document strategy of the registry) on this gate's data and terms.
     * The run configuration is written to {@code workDir} and planned by {@link RunPlanner}, so it is checked
     * exactly as a user's would be; each call gives fresh strategy instances.
     */
    public RunPlan plan(String strategyId, Path document, List<String> symbols, Path workDir) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.putObject("run").put("name", "gate-" + strategyId).set("initialCash", root.get("initialCash"));
        ((ObjectNode) config.get("run")).put("output", workDir.resolve("out").toString());
        ObjectNode data = ((ObjectNode) root.get("data").deepCopy());
        ArrayNode files = data.putArray("files");
        Path base = file.toAbsolutePath().getParent();
        for (JsonNode f : root.path("data").path("files")) files.add(base.resolve(f.asText()).normalize().toString());
        config.set("data", data);
        ObjectNode strategy = config.putArray("strategies").addObject();
        strategy.put("id", strategyId).put("type", "document");
        ArrayNode list = strategy.putArray("symbols");
        symbols.forEach(list::add);
        strategy.putObject("params").put("file", document.toAbsolutePath().toString());
        for (String section : List.of("broker", "analytics", "instruments")) {
            if (root.has(section)) config.set(section, root.get(section));
        }
        try {
            Files.createDirectories(workDir);
            Path runFile = workDir.resolve("gate-run.yaml");
            Files.writeString(runFile, YAML.writeValueAsString(config));
            return RegistryRunCheck.check(RunPlanner.plan(runFile));
        } catch (IOException e) {
            throw new ConfigException("cannot write the gate's run configuration in " + workDir + ": " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new ConfigException(file + " (as a run configuration): " + e.getMessage(), e);
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
    }

    private static void unknown(Path file, String prefix, JsonNode node, Set<String> known) {
        if (node.isMissingNode() || node.isNull()) return;
        if (!node.isObject()) throw new ConfigException(file + ": " + (prefix.isEmpty() ? "the file" : prefix.substring(0, prefix.length() - 1)) + " must be a mapping");
        List<String> bad = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) bad.add(prefix + name);
        }
        if (!bad.isEmpty()) throw new ConfigException(file + ": unknown key " + String.join(", ", bad)
                + " (valid: " + String.join(", ", new TreeSet<>(known)) + ")");
    }

    private static double number(Path file, String key, JsonNode node, String field, double fallback, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return fallback;
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw new ConfigException(file + ": " + key + ": must be a number from " + min + " to " + max + ", was '" + value.asText() + "'");
        }
        return value.asDouble();
    }
}
