package dev.ballast.cli.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.format.DateTimeParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.cli.generate.StateChain;
import dev.ballast.cli.generate.StrategyRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A registered strategy's state file, {@code REGISTRY/ID/state.json}:
 * <pre>
 * {"state": "BACKTESTED",
 *  "history": [{"state": "CANDIDATE", "time": "...", "by": "generate", "documentSha256": "...",
 *               "previous": "000...0", "hash": "..."},
 *              {"state": "BACKTESTED", "time": "...", "by": "alice", "reason": "backtest gate passed",
 *               "figures": {"trades": 12, "maxDrawdownPct": 4.2, ...}, "documentSha256": "...",
 *               "previous": "(hash of entry 1)", "hash": "..."}],
 *  "capitalFraction": 0.1}        (LIVE only; also in the entry that set it)
 * </pre>
 * Every change appends one history entry; a refused gate appends an entry with the unchanged state and the
 * reasons, so the record shows what was tried. Each entry records the SHA-256 of {@code strategy.yaml} and
 * is chained to the one before ({@link StateChain}); every read verifies the record first
 * ({@link RecordIntegrity}) and refuses a mismatch, so nothing is listed, promoted, retired or run on a
 * record or document changed outside Ballast. Appending keeps the earlier entries exactly as read. Writes
 * go to a temporary file in the same folder that is then moved over the old one, so a reader never sees
 * half a file.
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
    public record Entry(LifecycleState state, Instant time, String by, String reason, Map<String, Object> figures) {
    }

    /** A strategy's record as read (and verified) from its state file; {@code documentSha256} is its document's hash. */
    public record Record(String id, LifecycleState state, List<Entry> history, Double capitalFraction, String documentSha256) {
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
            if (Files.isRegularFile(dir.resolve("provenance.json"))) {
                throw RecordIntegrity.refuse(id, "state.json is missing beside provenance.json", dir.resolve("state.json"));
            }
            throw new LifecycleException("no strategy " + id + " in the registry " + registry.root());
        }
        return dir;
    }

    public Path document(String id) {
        return folder(id).resolve("strategy.yaml");
    }

    /**
     * The ids in the registry (folders with a state file, or with a provenance file whose state file is gone:
     * listed so that reading them reports the loss), sorted.
     */
    public List<String> ids() {
        if (!Files.isDirectory(registry.root())) return List.of();
        try (Stream<Path> dirs = Files.list(registry.root())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("state.json")) || Files.isRegularFile(d.resolve("provenance.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new LifecycleException("cannot list the registry " + registry.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The verified record of {@code id}.
     *
     * @throws LifecycleException when the record cannot be read or fails its integrity check (naming what and which file)
     */
    public Record read(String id) {
        return load(id).record();
    }

    /**
     * Checks the registry record of a document a run names, when the document lives in a registry folder
     * (a {@code state.json} beside it): a run of a registry strategy runs only the document its record
     * holds. A generated document ({@code provenance.json} beside it) without its {@code state.json} is
     * refused. A document elsewhere is not checked.
     *
     * @return the document's SHA-256 as its record holds it, or null for a document outside a registry
     * @throws LifecycleException when the record fails its integrity check
     */
    public static String verifyIfRegistered(Path document) {
        Path real;
        try {
            real = document.toRealPath();   // a link to a registry document is checked as that document
        } catch (IOException e) {
            real = document.toAbsolutePath().normalize();   // a missing file is reported by the loader
        }
        Path folder = real.getParent();
        if (folder == null || folder.getParent() == null) return null;
        String id = folder.getFileName().toString();
        if (!Files.isRegularFile(folder.resolve("state.json"))) {
            // provenance.json marks a generated document; without its record nothing can vouch for it
            if (Files.isRegularFile(folder.resolve("provenance.json"))) {
                throw RecordIntegrity.refuse(id, "state.json is missing beside provenance.json: a generated document runs only "
                        + "with its registry record", folder.resolve("state.json"));
            }
            return null;
        }
        if (!StrategyRegistry.ID.matcher(id).matches()) return null;
        return new Lifecycle(new StrategyRegistry(folder.getParent())).read(id).documentSha256();
    }

    /** A record and the tree it was read from (appends keep the earlier entries exactly as read). */
    private record Loaded(Record record, ObjectNode root) {
    }

    private Loaded load(String id) {
        Path dir = folder(id);
        Path file = dir.resolve("state.json");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw RecordIntegrity.refuse(id, "state.json cannot be read: " + e.getMessage(), file);
        }
        if (root == null || !root.isObject()) throw RecordIntegrity.refuse(id, "state.json is not a JSON object", file);
        String documentSha256 = RecordIntegrity.check(id, file, root, dir.resolve("strategy.yaml"));
        try {
            LifecycleState state = LifecycleState.valueOf(root.path("state").asText());
            List<Entry> history = new ArrayList<>();
            for (JsonNode entry : root.path("history")) {
                Map<String, Object> figures = entry.has("figures")
                        ? JSON.convertValue(entry.get("figures"), new TypeReference<LinkedHashMap<String, Object>>() { })
                        : Map.of();
                history.add(new Entry(LifecycleState.valueOf(entry.path("state").asText()),
                        Instant.parse(entry.path("time").asText()), text(entry, "by"), text(entry, "reason"), figures));
            }
            Double fraction = root.has("capitalFraction") ? root.get("capitalFraction").asDouble() : null;
            return new Loaded(new Record(id, state, List.copyOf(history), fraction, documentSha256), (ObjectNode) root);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw RecordIntegrity.refuse(id, "state.json cannot be read: " + e.getMessage(), file);
        }
    }

    /**
     * Moves {@code id} to {@code target}, appending a history entry. Refused with a {@link LifecycleException}
     * when the table in {@link LifecycleState} does not allow the move.
     */
    public Record transition(String id, LifecycleState target, Instant time, String by, String reason,
                             Map<String, Object> figures, Double capitalFraction) {
        Loaded loaded = load(id);
        Record record = loaded.record();
        if (!record.state().canMoveTo(target)) throw new LifecycleException(record.state().refusal(id, target));
        return append(loaded, target, time, by, reason, figures, target == LifecycleState.LIVE ? capitalFraction
                : target == LifecycleState.RETIRED ? null : record.capitalFraction());
    }

    /** Records an attempt that did not change the state (a failed gate), with its reasons and figures. */
    public Record recordRefusal(String id, Instant time, String by, String reason, Map<String, Object> figures) {
        Loaded loaded = load(id);
        return append(loaded, loaded.record().state(), time, by, reason, figures, loaded.record().capitalFraction());
    }

    private Record append(Loaded loaded, LifecycleState state, Instant time, String by, String reason,
                          Map<String, Object> figures, Double capitalFraction) {
        Record record = loaded.record();
        Map<String, Object> kept = new LinkedHashMap<>();
        if (figures != null) figures.forEach((k, v) -> { if (v != null) kept.put(k, v); });
        ObjectNode node = JSON.createObjectNode();
        node.put("state", state.name());
        node.put("time", time.toString());
        if (by != null) node.put("by", by);
        if (reason != null) node.put("reason", reason);
        if (!kept.isEmpty()) node.set("figures", JSON.valueToTree(new TreeMap<>(kept)));
        if (capitalFraction != null) node.put("capitalFraction", capitalFraction);
        node.put("documentSha256", record.documentSha256());
        ArrayNode history = (ArrayNode) loaded.root().get("history");
        StateChain.seal(node, history.get(history.size() - 1).get(StateChain.HASH).asText());

        ObjectNode root = loaded.root().deepCopy();
        root.put("state", state.name());
        ((ArrayNode) root.get("history")).add(node);
        if (capitalFraction != null) root.put("capitalFraction", capitalFraction);
        else root.remove("capitalFraction");
        write(record.id(), root);

        List<Entry> entries = new ArrayList<>(record.history());
        entries.add(new Entry(state, time, by, reason, Collections.unmodifiableMap(kept)));
        return new Record(record.id(), state, List.copyOf(entries), capitalFraction, record.documentSha256());
    }

    private void write(String id, ObjectNode root) {
        Path dir = folder(id);
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
