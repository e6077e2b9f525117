package dev.ballast.engine.journal.store;

import dev.ballast.engine.journal.codec.TypeBytes;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Extends a hash chain one record at a time, as {@link JournalRecord#chained} does, but with one
 * {@link MessageDigest} and one scratch buffer for all records and the type names' bytes cached. Owned by the
 * writer thread; not thread-safe.
 */
public final class ChainHasher {
    private final MessageDigest sha = JournalRecord.sha256();
    private final TypeBytes typeBytes = new TypeBytes();
    private ByteBuffer scratch = ByteBuffer.allocate(4096);
    private byte[] previous;

    public ChainHasher(byte[] previousHash) {
        this.previous = previousHash;
    }

    /** The next record of the chain, its hash computed from the previous record's. */
    public JournalRecord next(long sequence, long engineTime, long wallTime, String type, byte[] payload) {
        byte[] t = typeBytes.of(type);
        int length = JournalRecord.canonicalLength(t.length, payload.length);
        if (scratch.capacity() < length) scratch = ByteBuffer.allocate(Math.max(length, scratch.capacity() * 2));
        scratch.clear();
        JournalRecord.putCanonical(scratch, sequence, engineTime, wallTime, t, payload);
        sha.update(previous);
        sha.update(scratch.array(), 0, length);
        byte[] hash = sha.digest();
        previous = hash;
        return new JournalRecord(sequence, engineTime, wallTime, type, payload, hash);
    }
}
