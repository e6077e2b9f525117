package dev.ballast.engine.journal.store;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A point of a journal's hash chain: record {@code sequence} has chain hash {@code hash}. Written as
 * {@code SEQUENCE:HEX} ({@code 3890:d2455e01...}). Kept somewhere the journal's writer cannot reach (a log, a ticket,
 * another machine), it is an anchor: {@link JournalVerifier#verify(JournalStore, JournalHead, java.util.function.Consumer)}
 * then detects what the chain alone cannot, a tail rewritten with valid hashes or cut off by someone who holds the
 * journal's files. Runs print their head when they end; {@code ballast audit verify} prints the head it verified.
 *
 * @param sequence the record's sequence; 0 for an empty journal (whose hash is {@link JournalRecord#GENESIS})
 * @param hash     the record's chain hash, 32 bytes
 */
public record JournalHead(long sequence, byte[] hash) {
    public JournalHead {
        Objects.requireNonNull(hash, "hash");
        if (sequence < 0) throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        if (hash.length != JournalRecord.HASH_LENGTH) throw new IllegalArgumentException("hash must be 32 bytes");
        hash = hash.clone();
    }

    /** The head of an empty journal. */
    public static final JournalHead EMPTY = new JournalHead(0, JournalRecord.GENESIS);

    /** The head a journal has when {@code record} is its last record. */
    public static JournalHead of(JournalRecord record) {
        return new JournalHead(record.sequence(), record.hash());
    }

    /**
     * Reads {@code SEQUENCE:HEX}: a whole number of at least 1 and 64 hex digits. Throws
     * {@link IllegalArgumentException} saying which part is wrong.
     */
    public static JournalHead parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("'" + text + "' is not SEQUENCE:HASH (no ':')");
        long sequence;
        try {
            sequence = Long.parseLong(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.substring(0, colon) + "' before the ':' is not a record sequence");
        }
        if (sequence < 1) throw new IllegalArgumentException("the record sequence must be at least 1, was " + sequence);
        String hex = text.substring(colon + 1);
        if (hex.length() != 2 * JournalRecord.HASH_LENGTH) {
            throw new IllegalArgumentException("the hash after the ':' must be 64 hex digits, was " + hex.length()
                    + " characters");
        }
        try {
            return new JournalHead(sequence, HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hash after the ':' is not hex: " + hex);
        }
    }

    /** The hash in lower-case hex. */
    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** False only for the record this head anchors when its hash is not the head's: any other record it holds. */
    boolean holds(JournalRecord record) {
        return record.sequence() != sequence || Arrays.equals(record.hash(), hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalHead h && h.sequence == sequence && Arrays.equals(h.hash, hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return sequence + ":" + hashHex();
    }
}
