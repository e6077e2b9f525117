package dev.ballast.cli.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.runtime.plan.Sha256;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The hash chain over a registry strategy's {@code state.json} history. Every entry carries
 * {@code previous} (the {@code hash} of the entry before it, {@link #GENESIS} for the first) and
 * {@code hash} = SHA-256 (hex) of the entry's canonical JSON without its {@code hash} field: object keys
 * sorted, no white space, values as Jackson writes them. An entry edited, removed, inserted or reordered
 * breaks the chain at that point.
 *
 * <p>The chain shows that a record was changed by something other than Ballast; it is not a signature:
 * whoever can write the registry and knows this rule can rebuild a consistent chain. Stateless.
 */
public final class StateChain {
    /** What the first entry chains from: 64 zeros, a value no SHA-256 of an entry will be. */
    public static final String GENESIS = "0".repeat(64);
    public static final String PREVIOUS = "previous";
    public static final String HASH = "hash";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StateChain() {}

    /**
     * Seals {@code entry} onto the chain after {@code previousHash}: sets {@code previous} and {@code hash}.
     * The hash is taken over the entry as it will read back from the file (written, then parsed), so a
     * reader computes the same bytes.
     */
    public static ObjectNode seal(ObjectNode entry, String previousHash) {
        entry.remove(HASH);
        entry.put(PREVIOUS, previousHash);
        try {
            ObjectNode asRead = (ObjectNode) JSON.readTree(JSON.writeValueAsString(entry));
            entry.put(HASH, hashOf(asRead));
            return entry;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hash an entry should carry: over its canonical form without the {@code hash} field. */
    public static String hashOf(JsonNode entry) {
        ObjectNode content = ((ObjectNode) entry).deepCopy();
        content.remove(HASH);
        return Sha256.hex(canonical(content).getBytes(StandardCharsets.UTF_8));
    }

    /** Compact JSON with object keys sorted at every level. */
    static String canonical(JsonNode node) {
        try {
            if (node.isObject()) {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
                names.sort(null);
                StringBuilder out = new StringBuilder("{");
                for (String name : names) {
                    if (out.length() > 1) out.append(',');
                    out.append(JSON.writeValueAsString(name)).append(':').append(canonical(node.get(name)));
                }
                return out.append('}').toString();
            }
            if (node.isArray()) {
                StringBuilder out = new StringBuilder("[");
                for (JsonNode item : node) {
                    if (out.length() > 1) out.append(',');
                    out.append(canonical(item));
                }
                return out.append(']').toString();
            }
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
