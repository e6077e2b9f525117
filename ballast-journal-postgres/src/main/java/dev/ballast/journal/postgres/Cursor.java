package dev.ballast.journal.postgres;

import dev.ballast.engine.journal.store.JournalCorruptException;
import dev.ballast.engine.journal.store.JournalRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The rows of one {@link PostgresJournalStore#read} as records, fetched in pages through the open result set.
 * Holds its connection until the last row is read (or the store is closed), then gives it back.
 */
final class Cursor implements Iterator<JournalRecord>, AutoCloseable {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final Consumer<Cursor> onClose;
    private JournalRecord next;
    private boolean done;

    Cursor(Connection connection, PreparedStatement statement, ResultSet rows, Consumer<Cursor> onClose) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.onClose = onClose;
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        if (done) return false;
        try {
            if (rows.next()) {
                next = record(rows);
                return true;
            }
        } catch (SQLException e) {
            close();
            throw PostgresJournalStore.failure("cannot read the journal", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        close();
        return false;
    }

    @Override
    public JournalRecord next() {
        if (!hasNext()) throw new NoSuchElementException();
        JournalRecord r = next;
        next = null;
        return r;
    }

    /** The record in the current row; a row that cannot be one (a hash not 32 bytes long) is corrupt. */
    static JournalRecord record(ResultSet rs) throws SQLException {
        long sequence = rs.getLong(1);
        byte[] hash = rs.getBytes(6);
        if (hash == null || hash.length != JournalRecord.HASH_LENGTH) {
            throw new JournalCorruptException(JournalCorruptException.Kind.CRC_MISMATCH, sequence,
                    "record " + sequence + ": stored hash is not " + JournalRecord.HASH_LENGTH + " bytes");
        }
        return new JournalRecord(sequence, rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBytes(5), hash);
    }

    @Override
    public void close() {
        if (done) return;
        done = true;
        try {
            rows.close();
            statement.close();
        } catch (SQLException ignored) {
            // closing the connection below releases them anyway
        }
        closeQuietly(connection);
        onClose.accept(this);
    }

    static void closeQuietly(Connection c) {
        try {
            c.rollback(); // a read-only transaction: nothing to keep
            c.close();
        } catch (SQLException ignored) {
            // a broken connection is evicted by the pool
        }
    }
}
