package dev.ballast.cli.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.runtime.plan.Sha256;
import dev.ballast.cli.generate.StateChain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a registry strategy's record before anything uses it: the {@code state.json} history is an
 * unbroken {@link StateChain} from the genesis value, every entry's hash matches its content, the states
 * follow the moves {@link LifecycleState} allows (the first is CANDIDATE; a refused gate repeats the state),
 * the top-level {@code state} and {@code capitalFraction} are the ones the last entry recorded, every entry
 * records the same document hash, {@code provenance.json} (when it records one) names that hash too, and
 * {@code strategy.yaml} still has it. The first mismatch is refused with a {@link LifecycleException} that
 * names the strategy, what does not match and the file. Stateless.
 */
final class RecordIntegrity {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordIntegrity() {}

    /**
     * @param root     the parsed {@code state.json}
     * @param document the strategy's {@code strategy.yaml}
     * @return the SHA-256 of the document, as every entry recorded it and as the file has it
     */
    static String check(String id, Path stateFile, JsonNode root, Path document) {
        JsonNode history = root.get("history");
        if (history == null || !history.isArray() || history.isEmpty()) throw refuse(id, "state.json has no history", stateFile);
        String previous = StateChain.GENESIS;
        LifecycleState before = null;
        String documentHash = null;
        JsonNode last = null;
        for (int i = 0; i < history.size(); i++) {
            JsonNode entry = history.get(i);
            int n = i + 1;
            if (!entry.isObject()) throw refuse(id, "history entry " + n + " is not an object", stateFile);
            String hash = text(entry, StateChain.HASH);
            String chainedFrom = text(entry, StateChain.PREVIOUS);
            if (hash == null || chainedFrom == null) {
                throw refuse(id, "history entry " + n + " has no hash chain (previous, hash): it was added by hand or written "
                        + "before records were chained", stateFile);
            }
            if (!chainedFrom.equals(previous)) {
                throw refuse(id, n == 1 ? "history entry 1 does not chain from the genesis value (entries were removed before it)"
                        : "history entry " + n + " does not chain from entry " + i + " (an entry was removed, inserted or reordered)", stateFile);
            }
            LifecycleState state = state(entry.path("state").asText(), id, "history entry " + n, stateFile);
            if (!StateChain.hashOf(entry).equals(hash)) {
                throw refuse(id, "history entry " + n + " (" + state + ") was changed after it was written: its hash does not match "
                        + "its content", stateFile);
            }
            if (before == null ? state != LifecycleState.CANDIDATE : state != before && !before.canMoveTo(state)) {
                throw refuse(id, "history entry " + n + " moves " + (before == null ? "a new strategy" : before) + " to " + state
                        + ", which the lifecycle does not allow", stateFile);
            }
            String recorded = text(entry, "documentSha256");
            if (recorded == null) throw refuse(id, "history entry " + n + " records no documentSha256", stateFile);
            if (documentHash != null && !documentHash.equals(recorded)) {
                throw refuse(id, "history entry " + n + " records another document (SHA-256 " + recorded + ") than entry 1 ("
                        + documentHash + ")", stateFile);
            }
            documentHash = recorded;
            previous = hash;
            before = state;
            last = entry;
        }
        LifecycleState said = state(root.path("state").asText(), id, "state", stateFile);
        if (said != before) {
            throw refuse(id, "state.json says " + said + " but its history ends in " + before + " (the state was edited)", stateFile);
        }
        if (!sameNumber(root.get("capitalFraction"), last.get("capitalFraction"))) {
            throw refuse(id, "state.json's capitalFraction " + root.path("capitalFraction").asText("(none)")
                    + " is not the one its last entry recorded (" + last.path("capitalFraction").asText("none") + ")", stateFile);
        }
        checkProvenance(id, document.resolveSibling("provenance.json"), documentHash);
        if (!Files.isRegularFile(document)) throw refuse(id, "strategy.yaml is missing", document);
        String actual = Sha256.ofFile(document);
        if (!actual.equals(documentHash)) {
            throw refuse(id, "strategy.yaml was changed after it was registered: its SHA-256 is " + actual
                    + ", the registry recorded " + documentHash, document);
        }
        return documentHash;
    }

    private static void checkProvenance(String id, Path provenance, String documentHash) {
        if (!Files.isRegularFile(provenance)) return;
        JsonNode recorded;
        try {
            recorded = JSON.readTree(provenance.toFile()).path("documentSha256");
        } catch (IOException e) {
            throw refuse(id, "provenance.json cannot be read: " + e.getMessage(), provenance);
        }
        if (recorded.isTextual() && !recorded.asText().equals(documentHash)) {
            throw refuse(id, "provenance.json records the document SHA-256 " + recorded.asText() + ", state.json records "
                    + documentHash, provenance);
        }
    }

    private static LifecycleState state(String text, String id, String where, Path file) {
        try {
            return LifecycleState.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw refuse(id, where + ": unknown state '" + text + "'", file);
        }
    }

    private static boolean sameNumber(JsonNode a, JsonNode b) {
        boolean aMissing = a == null || a.isNull();
        boolean bMissing = b == null || b.isNull();
        if (aMissing || bMissing) return aMissing == bMissing;
        return a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static LifecycleException refuse(String id, String what, Path file) {
        return new LifecycleException("registry strategy " + id + ": " + what + " (" + file + ")");
    }
}
