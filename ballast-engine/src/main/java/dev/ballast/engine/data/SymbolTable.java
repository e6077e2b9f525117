package dev.ballast.engine.data;

import dev.ballast.model.Symbol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the {@link Symbol} for a symbol field by its raw bytes, so a row costs a hash and a compare,
 * not a String and a Symbol; each entry also carries the last accepted timestamp of its symbol for
 * the ordering check. New symbols go through a process-wide intern pool, so every reader hands out the
 * same Symbol instance for the same name. A table is not thread-safe; the pool is.
 */
final class SymbolTable {
    private static final ConcurrentHashMap<String, Symbol> POOL = new ConcurrentHashMap<>();

    /** One symbol of one file, with its ordering state. */
    static final class Entry {
        final byte[] key;
        final Symbol symbol;
        long lastTimestamp;
        boolean seen;

        Entry(byte[] key, Symbol symbol) {
            this.key = key;
            this.symbol = symbol;
        }
    }

    private Entry[] slots = new Entry[64];
    private int size;

    /** The shared instance for {@code name}. */
    static Symbol intern(Symbol symbol) {
        Symbol existing = POOL.putIfAbsent(symbol.value(), symbol);
        return existing != null ? existing : symbol;
    }

    /**
     * The entry for {@code b[from, to)}, created on first sight.
     *
     * @throws IllegalArgumentException when the bytes are not a valid symbol
     */
    Entry lookup(byte[] b, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) hash = 31 * hash + b[i];
        Entry[] table = slots;
        int mask = table.length - 1;
        for (int index = mix(hash) & mask; ; index = (index + 1) & mask) {
            Entry entry = table[index];
            if (entry == null) return insert(b, from, to, index);
            if (Arrays.equals(entry.key, 0, entry.key.length, b, from, to)) return entry;
        }
    }

    private Entry insert(byte[] b, int from, int to, int index) {
        byte[] key = Arrays.copyOfRange(b, from, to);
        Entry entry = new Entry(key, intern(new Symbol(new String(key, StandardCharsets.UTF_8))));
        slots[index] = entry;
        if (++size * 2 > slots.length) rehash();
        return entry;
    }

    private void rehash() {
        Entry[] old = slots;
        slots = new Entry[old.length * 2];
        int mask = slots.length - 1;
        for (Entry entry : old) {
            if (entry == null) continue;
            int hash = 0;
            for (byte value : entry.key) hash = 31 * hash + value;
            int index = mix(hash) & mask;
            while (slots[index] != null) index = (index + 1) & mask;
            slots[index] = entry;
        }
    }

    private static int mix(int hash) {
        return (hash * 0x9E3779B9) ^ (hash >>> 16);
    }
}
