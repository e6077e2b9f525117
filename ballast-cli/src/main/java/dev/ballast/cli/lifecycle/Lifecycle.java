package dev.ballast.cli.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.cli.generate.StrategyRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A registered strategy's state file, {@code REGISTRY/ID/state.json}:
 * <pre>
 * {"state": "BACKTESTED",
 *  "history": [{"state": "CANDIDATE", "time": "...", "by": "generate"},
 *              {"state": "BACKTESTED", "time": "...", "by": "alice", "reason": "backtest gate passed",
 *               "figures": {"trades": 12, "maxDrawdownPct": 4.2, ...}}],
 *  "capitalFraction": 0.1}        (LIVE only)
 * </pre>
 * Every change appends one history entry; a refused gate appends an entry with the unchanged state and the
 * reasons, so the record shows what was tried. Writes go to a temporary file in the same folder that is
 * then moved over the old one, so a reader never sees half a file.
 *
 * <p>Not thread-safe: one command changes a registry at a time.
 */
public final class Lifecycle {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final StrategyRegistry registry;

    public Lifecycle(StrategyRegistry registry) {
        this.registry = registry;
    }

    public StrategyRegistry registry() {
        return registry;
    }

    /** One history entry. {@code figures} may be empty; {@code reason} and {@code by} may be null. */
    public record Entry(StrategyState state, Instant time, String by, String reason, Map<String, Object> figures) {
    }

    /** A strategy's record as read from its state file. */
    public record Record(String id, StrategyState state, List<Entry> history, Double capitalFraction) {
        public Entry last() {
            return history.isEmpty() ? null : history.getLast();
        }

        /** The figures of the latest entry that has any (a gate's result), or an empty map. */
        public Map<String, Object> latestFigures() {
            for (Entry entry : history.reversed()) if (!entry.figures().isEmpty()) return entry.figures();
            return Map.of();
        }
    }

    public Path folder(String id) {
        if (!StrategyRegistry.ID.matcher(id).matches()) throw new LifecycleException("not a valid strategy id: " + id);
        Path dir = registry.root().resolve(id);
        if (!Files.isRegularFile(dir.resolve("state.json"))) {
            throw new LifecycleException("no strategy " + id + " in the registry " + registry.root());
        }
        return dir;
    }

    public Path document(String id) {
        return folder(id).resolve("strategy.yaml");
    }

    /** The ids in the registry (folders with a state file), sorted. */
    public List<String> ids() {
        if (!Files.isDirectory(registry.root())) return List.of();
        try (Stream<Path> dirs = Files.list(registry.root())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("state.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new LifecycleException("cannot list the registry " + registry.root() + ": " + e.getMessage(), e);
        }
    }

    public Record read(String id) {
        Path file = folder(id).resolve("state.json");
        try {
            JsonNode root = JSON.readTree(file.toFile());
            StrategyState state = StrategyState.valueOf(root.path("state").asText());
            List<Entry> history = new ArrayList<>();
            for (JsonNode entry : root.path("history")) {
                Map<String, Object> figures = entry.has("figures")
                        ? JSON.convertValue(entry.get("figures"), new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { })
                        : Map.of();
                history.add(new Entry(StrategyState.valueOf(entry.path("state").asText()),
                        Instant.parse(entry.path("time").asText()), text(entry, "by"), text(entry, "reason"), figures));
            }
            Double fraction = root.has("capitalFraction") ? root.get("capitalFraction").asDouble() : null;
            return new Record(id, state, List.copyOf(history), fraction);
        } catch (IOException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new LifecycleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves {@code id} to {@code target}, appending a history entry. Refused with a {@link LifecycleException}
     * when the table in {@link StrategyState} does not allow the move.
     */
    public Record transition(String id, StrategyState target, Instant time, String by, String reason,
                             Map<String, Object> figures, Double capitalFraction) {
        Record record = read(id);
        if (!record.state().canMoveTo(target)) throw new LifecycleException(record.state().refusal(id, target));
        return append(record, target, time, by, reason, figures, target == StrategyState.LIVE ? capitalFraction
                : target == StrategyState.RETIRED ? null : record.capitalFraction());
    }

    /** Records an attempt that did not change the state (a failed gate), with its reasons and figures. */
    public Record recordRefusal(String id, Instant time, String by, String reason, Map<String, Object> figures) {
        Record record = read(id);
        return append(record, record.state(), time, by, reason, figures, record.capitalFraction());
    }

    private Record append(Record record, StrategyState state, Instant time, String by, String reason,
                          Map<String, Object> figures, Double capitalFraction) {
        List<Entry> history = new ArrayList<>(record.history());
        Map<String, Object> kept = new java.util.LinkedHashMap<>();
        if (figures != null) figures.forEach((k, v) -> { if (v != null) kept.put(k, v); });
        history.add(new Entry(state, time, by, reason, java.util.Collections.unmodifiableMap(kept)));
        Record updated = new Record(record.id(), state, List.copyOf(history), capitalFraction);
        write(updated);
        return updated;
    }

    private void write(Record record) {
        Path dir = folder(record.id());
        ObjectNode root = JSON.createObjectNode();
        root.put("state", record.state().name());
        ArrayNode history = root.putArray("history");
        for (Entry entry : record.history()) {
            ObjectNode node = history.addObject();
            node.put("state", entry.state().name());
            node.put("time", entry.time().toString());
            if (entry.by() != null) node.put("by", entry.by());
            if (entry.reason() != null) node.put("reason", entry.reason());
            if (!entry.figures().isEmpty()) node.set("figures", JSON.valueToTree(new java.util.TreeMap<>(entry.figures())));
        }
        if (record.capitalFraction() != null) root.put("capitalFraction", record.capitalFraction());
        Path target = dir.resolve("state.json");
        try {
            Path temp = Files.createTempFile(dir, "state", ".json.tmp");
            try {
                Files.writeString(temp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new LifecycleException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
