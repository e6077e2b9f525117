package dev.ballast.journal.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The journal store for deployments: every run's records in one PostgreSQL table, {@code journal_record}, keyed
 * by (run_id, sequence), created and upgraded by Flyway ({@code db/migration}, history in
 * {@code ballast_journal_schema_history}). Connections come from a small HikariCP pool.
 *
 * <p>{@link #append} writes a batch with one binary {@code COPY} in one transaction: the group commit. A batch is
 * stored whole or not at all, so a failure (the database down, a constraint, a full disk on the server) never
 * leaves part of one; any {@link SQLException} becomes a {@link JournalException}, which fails the
 * {@code JournalWriter} and halts the account. Sessions run with {@code synchronous_commit = on}, so a commit is
 * durable when it returns (as far as the server's own {@code fsync} setting allows) and {@link #sync} has nothing
 * left to do. {@link #read} streams through a server-side cursor ({@value #FETCH_SIZE} rows a round trip).
 *
 * <p>Like every store it is used by one thread at a time: the writer thread, or a reader.
 */
public final class PostgresJournalStore implements JournalStore {
    static final String TABLE = "journal_record";
    static final String HISTORY_TABLE = "ballast_journal_schema_history";
    static final int FETCH_SIZE = 1_000;
    /**
     * The payload format this build writes (column payload_format, default set by V3; {@link JournalStore#FORMAT}, the
     * file store's segment version). Runs of format 2 are still read, not appended to.
     */
    static final int PAYLOAD_FORMAT = JournalStore.FORMAT;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    private static final String COLUMNS = "sequence, engine_time, wall_time, type, payload, hash";
    /**
     * Flyway and HikariCP report their routine work (migrations checked, pool started) at INFO, which would land
     * among the command line's output; their warnings and errors still show. Held here because java.util.logging
     * keeps loggers only weakly.
     */
    private static final List<Logger> QUIET = List.of(quiet("org.flywaydb"), quiet("com.zaxxer.hikari"));

    private final HikariDataSource pool;
    private final String runId;
    private final boolean writable;
    private final CopyBatch copy = new CopyBatch();
    private final Set<Cursor> cursors = ConcurrentHashMap.newKeySet();
    private JournalRecord last;
    /** The stored run's payload format ({@link #PAYLOAD_FORMAT} for a new run). */
    private int format = PAYLOAD_FORMAT;
    private volatile boolean closed;

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private PostgresJournalStore(HikariDataSource pool, String runId, boolean writable) {
        this.pool = pool;
        this.runId = runId;
        this.writable = writable;
    }

    /** Opens run {@code runId}'s journal for appending, creating or upgrading the schema first. */
    public static PostgresJournalStore open(PostgresConnection connection, String runId) {
        HikariDataSource pool = pool(connection, false);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .table(HISTORY_TABLE)
                    // a schema shared with other tables gets the journal table too, V1 included
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            PostgresJournalStore store = new PostgresJournalStore(pool, checkedRunId(runId), true);
            store.checkPayloadFormat(connection);
            store.last = store.queryLast();
            return store;
        } catch (FlywayException | JournalException | IllegalArgumentException e) {
            pool.close();
            throw e instanceof FlywayException ? new JournalException("cannot migrate the journal schema at "
                    + connection.url() + ": " + e.getMessage(), e) : e;
        }
    }

    /** Opens run {@code runId}'s journal for reading only; nothing in the database is changed. */
    public static PostgresJournalStore openReadOnly(PostgresConnection connection, String runId) {
        HikariDataSource pool = pool(connection, true);
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, TABLE);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) throw new JournalException("no journal table in the database at " + connection.url());
            }
            c.commit();
            PostgresJournalStore store = new PostgresJournalStore(pool, checkedRunId(runId), false);
            store.checkPayloadFormat(connection);
            return store;
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e instanceof JournalException je ? je : failure("cannot open the journal at " + connection.url(), e);
        }
    }

    /**
     * Refuses a run whose records this build cannot read: one stored before the payloads became binary (the schema
     * still at V1, for a reader that may not migrate it, or rows marked format 1). A run is written by one build
     * from its first record on (a resume of an older run is refused here), so its first row tells.
     */
    @Override
    public int format() {
        return format;
    }

    private void checkPayloadFormat(PostgresConnection connection) {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'payload_format'")) {
                s.setString(1, TABLE);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new JournalException("the journal at " + connection.url() + " predates payload format "
                                + JournalStore.OLDEST_READABLE_FORMAT + ": its runs hold text payloads (format 1) written by an earlier "
                                + "Ballast, which this one cannot read; read them with that Ballast");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT payload_format FROM " + TABLE
                    + " WHERE run_id = ? ORDER BY sequence LIMIT 1")) {
                s.setString(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        int stored = rs.getInt(1);
                        if (stored < JournalStore.OLDEST_READABLE_FORMAT || stored > PAYLOAD_FORMAT) {
                            throw new JournalException("run " + runId + " at " + connection.url() + " holds payload format "
                                    + stored + (stored == 1 ? " (text payloads, written by an earlier Ballast)" : "")
                                    + "; this Ballast reads formats " + JournalStore.OLDEST_READABLE_FORMAT + " to "
                                    + PAYLOAD_FORMAT + " and writes format " + PAYLOAD_FORMAT);
                        }
                        if (writable && stored != PAYLOAD_FORMAT) {
                            // Rows of format 3 after rows of format 2 would give one run two event orders.
                            throw new JournalException("run " + runId + " at " + connection.url() + " holds payload format "
                                    + stored + "; this Ballast appends to format " + PAYLOAD_FORMAT
                                    + " only (audit commands still read it)");
                        }
                        format = stored;
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("cannot read the journal", e);
        }
    }

    private static String checkedRunId(String runId) {
        if (runId == null || runId.isBlank()) throw new IllegalArgumentException("a run id is required");
        return runId;
    }

    private static HikariDataSource pool(PostgresConnection connection, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(connection.url());
        config.setUsername(connection.user());
        config.setPassword(connection.password());
        config.setPoolName(readOnly ? "ballast-journal-reader" : "ballast-journal");
        config.setMaximumPoolSize(3); // the writer, and a reader or two
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setReadOnly(readOnly);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setConnectionInitSql("SET synchronous_commit TO on");
        config.addDataSourceProperty("ApplicationName", "ballast-journal");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw failure("cannot connect to the journal database at " + connection.url(), e);
        }
    }

    /** The run whose records this store holds. */
    public String runId() {
        return runId;
    }

    // ---- append

    @Override
    public void append(List<JournalRecord> records) {
        if (!writable) throw new JournalException("journal opened read-only");
        if (closed) throw new JournalException("journal closed");
        if (records.isEmpty()) return;
        long expected = last == null ? 1 : last.sequence() + 1;
        for (JournalRecord r : records) {
            if (r.sequence() != expected)
                throw new JournalException("record " + r.sequence() + " appended where " + expected + " was due");
            expected++;
        }
        try (Connection c = pool.getConnection()) {
            try {
                copy.write(c, runId, records);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw failure("journal write failed", e);
        }
        last = records.getLast();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the transaction is gone with the connection: nothing of it was committed
        }
    }

    static JournalException failure(String what, Exception e) {
        return e instanceof JournalException je ? je : new JournalException(what + ": " + e.getMessage(), e);
    }

    /** Durable already: each append's commit is synchronous. */
    @Override
    public void sync() {
    }

    @Override
    public Optional<JournalRecord> last() {
        if (writable) return Optional.ofNullable(last);
        return Optional.ofNullable(queryLast());
    }

    private JournalRecord queryLast() {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                     + " WHERE run_id = ? ORDER BY sequence DESC LIMIT 1")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                JournalRecord r = rs.next() ? Cursor.record(rs) : null;
                c.commit();
                return r;
            }
        } catch (SQLException e) {
            throw failure("cannot read the journal", e);
        }
    }

    // ---- read

    @Override
    public Iterator<JournalRecord> read(long fromSequence) {
        if (closed) throw new JournalException("journal closed");
        Connection c = null;
        try {
            c = pool.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE run_id = ? AND sequence >= ? ORDER BY sequence");
            s.setFetchSize(FETCH_SIZE); // a cursor: autocommit is off, so the driver fetches in pages
            s.setString(1, runId);
            s.setLong(2, fromSequence);
            Cursor cursor = new Cursor(c, s, s.executeQuery(), cursors::remove);
            cursors.add(cursor);
            return cursor;
        } catch (SQLException e) {
            if (c != null) Cursor.closeQuietly(c);
            throw failure("cannot read the journal", e);
        }
    }

    /** Closes the pool (and any reader still open). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Cursor cursor : List.copyOf(cursors)) cursor.close();
        pool.close();
    }
}
