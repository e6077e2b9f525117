package dev.ballast.journal.postgres;

import dev.ballast.engine.journal.store.JournalRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a batch of records with one {@code COPY ... FROM STDIN (FORMAT binary)}: the fastest way into
 * PostgreSQL (measured against multi-row INSERTs in docs/architecture.md). The binary format is a header, then per
 * row a field count and each field as {@code length:int32 | bytes} (bigint as 8 bytes, text as UTF-8, bytea raw),
 * then a trailer of -1. Reuses its buffer; used by the store's one writing thread.
 */
final class CopyBatch {
    static final String SQL = "COPY " + PostgresJournalStore.TABLE
            + " (run_id, sequence, engine_time, wall_time, type, payload, hash) FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short FIELDS = 7;

    private static final int INITIAL = 1 << 20;
    private static final int MAX_KEPT = 16 << 20;

    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL);

    void write(Connection connection, String runId, List<JournalRecord> records) throws SQLException {
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        buffer.clear();
        ensure(SIGNATURE.length + 8);
        buffer.put(SIGNATURE).putInt(0).putInt(0); // flags, header extension length
        for (JournalRecord r : records) {
            byte[] type = r.type().getBytes(StandardCharsets.UTF_8);
            ensure(2 + 7 * 4 + run.length + 3 * 8 + type.length + r.payload().length + r.hash().length + 2);
            buffer.putShort(FIELDS);
            bytes(run);
            int64(r.sequence());
            int64(r.engineTime());
            int64(r.wallTime());
            bytes(type);
            bytes(r.payload());
            bytes(r.hash());
        }
        buffer.putShort((short) -1);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(SQL);
        try {
            copy.writeToCopy(buffer.array(), 0, buffer.position());
            copy.endCopy();
        } finally {
            if (copy.isActive()) copy.cancelCopy();
            // a batch of huge payloads should not pin its buffer for the rest of the run
            if (buffer.capacity() > MAX_KEPT) buffer = ByteBuffer.allocate(INITIAL);
        }
    }

    private void int64(long v) {
        buffer.putInt(8).putLong(v);
    }

    private void bytes(byte[] b) {
        buffer.putInt(b.length).put(b);
    }

    private void ensure(int more) {
        if (buffer.remaining() >= more) return;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
    }
}
