package dev.ballast.engine.journal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of the audit journal.
 *
 * <p>The chain: {@code hash_n = SHA-256(hash_(n-1) || canonical(record_n))}, {@code hash_0} = 32 zero bytes,
 * where {@code canonical} is the big-endian byte string
 * <pre>
 *   sequence:int64 | engineTime:int64 | wallTime:int64 | typeLength:int32 | type:UTF-8 | payloadLength:int32 | payload
 * </pre>
 * So an edit, deletion, insertion or reordering anywhere changes every later hash.
 *
 * @param sequence   1, 2, 3, ... without gaps within a run
 * @param engineTime the engine's time of the event, epoch nanoseconds
 * @param wallTime   the wall-clock time the record was made, epoch nanoseconds
 * @param type       the event type (the record's simple class name for model events)
 * @param payload    the canonical payload ({@link RecordCodec})
 * @param hash       the chain hash, 32 bytes
 */
public record JournalRecord(long sequence, long engineTime, long wallTime, String type, byte[] payload, byte[] hash) {
    public static final int HASH_LENGTH = 32;
    /** hash_0: the predecessor of the first record. */
    public static final byte[] GENESIS = new byte[HASH_LENGTH];

    public JournalRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(hash, "hash");
        if (hash.length != HASH_LENGTH) throw new IllegalArgumentException("hash must be 32 bytes");
    }

    /** The canonical bytes hashed into the chain (everything but the hash). */
    public byte[] canonicalBytes() {
        return canonicalBytes(sequence, engineTime, wallTime, type.getBytes(StandardCharsets.UTF_8), payload);
    }

    static byte[] canonicalBytes(long sequence, long engineTime, long wallTime, byte[] type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(canonicalLength(type.length, payload.length));
        putCanonical(b, sequence, engineTime, wallTime, type, payload);
        return b.array();
    }

    static int canonicalLength(int typeLength, int payloadLength) {
        return 8 + 8 + 8 + 4 + typeLength + 4 + payloadLength;
    }

    static void putCanonical(ByteBuffer b, long sequence, long engineTime, long wallTime, byte[] type, byte[] payload) {
        b.putLong(sequence).putLong(engineTime).putLong(wallTime)
                .putInt(type.length).put(type).putInt(payload.length).put(payload);
    }

    /** {@code SHA-256(previous || canonicalBytes())}. */
    public static byte[] chain(byte[] previous, byte[] canonical) {
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(canonical);
        return sha.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** This record with the chain hash computed from its predecessor's hash. */
    public static JournalRecord chained(byte[] previousHash, long sequence, long engineTime, long wallTime, String type,
                                        byte[] payload) {
        byte[] hash = chain(previousHash, canonicalBytes(sequence, engineTime, wallTime,
                type.getBytes(StandardCharsets.UTF_8), payload));
        return new JournalRecord(sequence, engineTime, wallTime, type, payload, hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalRecord r && sequence == r.sequence && engineTime == r.engineTime
                && wallTime == r.wallTime && type.equals(r.type) && Arrays.equals(payload, r.payload)
                && Arrays.equals(hash, r.hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "JournalRecord[" + sequence + " " + type + " engineTime=" + engineTime + " wallTime=" + wallTime
                + " payload=" + payload.length + " bytes hash=" + HexFormat.of().formatHex(hash) + "]";
    }
}
