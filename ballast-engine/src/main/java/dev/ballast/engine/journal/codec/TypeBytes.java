package dev.ballast.engine.journal.codec;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The UTF-8 bytes of record type names, each encoded once (a run has a few dozen types; past 1,024 the rest are
 * encoded every time rather than cached without bound). Not thread-safe: one per owning thread.
 */
public final class TypeBytes {
    private static final int MAX_CACHED = 1024;

    private final Map<String, byte[]> cache = new HashMap<>();

    public byte[] of(String type) {
        byte[] bytes = cache.get(type);
        if (bytes == null) {
            bytes = type.getBytes(StandardCharsets.UTF_8);
            if (cache.size() < MAX_CACHED) cache.put(type, bytes);
        }
        return bytes;
    }
}
