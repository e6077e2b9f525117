package dev.ballast.cli.generate;

import java.util.function.UnaryOperator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ballast.runtime.plan.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The strategy registry: a folder with one sub-folder per strategy,
 * <pre>
 * REGISTRY/ID/strategy.yaml     the document, as accepted
 * REGISTRY/ID/provenance.json   how it was generated (model, base URL, prompt, response hashes, validation log, ...)
 * REGISTRY/ID/state.json        {"state": "CANDIDATE", "history": [{"state", "time", "by", "documentSha256", "previous", "hash"}]}
 * </pre>
 * Every history entry records the SHA-256 of {@code strategy.yaml} and is chained to the one before it
 * ({@link StateChain}); {@code dev.ballast.cli.lifecycle.Lifecycle} verifies both on every read.
 * The folder name is the document's id. When a strategy with that id is already registered the new one
 * gets the first free {@code ID_2}, {@code ID_3}, ... and its document's {@code id} is rewritten to match, so
 * the folder name and the id inside always agree (the suffix uses '_' because an id may hold only
 * letters, digits, '_' and '.'). Folders are claimed with an atomic create, so concurrent generations
 * never share one.
 */
public final class StrategyRegistry {
    /** What an id may be, and so what a folder name may be: no separators, no leading dot. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private final Path root;

    public StrategyRegistry(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A claimed folder for a strategy. */
    public record Reservation(String id, Path dir) {
    }

    /** Claims the folder for {@code id}, or for the first free {@code id_2}, {@code id_3}, ... */
    public Reservation reserve(String id) {
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("not a valid strategy id: " + id);
        try {
            Files.createDirectories(root);
            for (int n = 1; n < 10_000; n++) {
                String candidate = n == 1 ? id : id + "_" + n;
                try {
                    return new Reservation(candidate, Files.createDirectory(root.resolve(candidate)));
                } catch (FileAlreadyExistsException taken) {
                    // next suffix
                }
            }
            throw new IllegalStateException("no free id for " + id + " in " + root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the registry folder " + root + ": " + e.getMessage(), e);
        }
    }

    /** Gives a claimed folder back (when the strategy is not saved after all). */
    public void release(Reservation reservation) {
        try (Stream<Path> files = Files.walk(reservation.dir())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the three files of a strategy into its claimed folder; {@code clean} is applied to each file's text. */
    public void write(Reservation reservation, String document, JsonNode provenance, String by, Instant time,
                      UnaryOperator<String> clean) {
        String saved = clean.apply(document);
        ObjectNode state = JSON.createObjectNode();
        state.put("state", "CANDIDATE");
        ObjectNode first = state.putArray("history").addObject().put("state", "CANDIDATE").put("time", time.toString()).put("by", by)
                .put("documentSha256", Sha256.hex(saved.getBytes(StandardCharsets.UTF_8)));
        StateChain.seal(first, StateChain.GENESIS);
        try {
            Files.writeString(reservation.dir().resolve("strategy.yaml"), saved, StandardCharsets.UTF_8);
            Files.writeString(reservation.dir().resolve("provenance.json"),
                    clean.apply(JSON.writeValueAsString(provenance)) + "\n", StandardCharsets.UTF_8);
            Files.writeString(reservation.dir().resolve("state.json"), JSON.writeValueAsString(state) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + reservation.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The document's top-level {@code id}, or null when it has none (or is not a mapping). */
    public static String idOf(String document) {
        try {
            JsonNode id = YAML.readTree(document).path("id");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The document with its top-level {@code id} set to {@code newId}: a YAML document's {@code id:} line is
     * replaced in place (keeping comments and layout); a JSON document, or YAML whose id line is not found,
     * is re-serialised.
     */
    public static String withId(String document, String oldId, String newId) {
        String trimmed = document.stripLeading();
        if (!trimmed.startsWith("{")) {
            Matcher m = Pattern.compile("(?m)^id:[ \\t]*([\"']?)" + Pattern.quote(oldId) + "\\1[ \\t]*(#.*)?$").matcher(document);
            if (m.find()) {
                int start = m.start();
                int end = m.end();
                if (!m.find()) return document.substring(0, start) + "id: " + newId + document.substring(end);
            }
        }
        try {
            boolean json = trimmed.startsWith("{");
            ObjectNode tree = (ObjectNode) (json ? JSON : YAML).readTree(document);
            tree.put("id", newId);
            return json ? JSON.writeValueAsString(tree) + "\n" : YAML.writeValueAsString(tree);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("cannot rewrite the document's id: " + e.getMessage(), e);
        }
    }
}
