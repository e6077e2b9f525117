package dev.ballast.journal.postgres;

import java.util.HexFormat;
import org.flywaydb.core.Flyway;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.engine.journal.store.JournalVerifier.Problem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is particular to the PostgreSQL store: transactions, runs side by side, the schema, tampering in SQL. */
@Tag("system") // embedded PostgreSQL: run by Failsafe (./mvnw verify)
class PostgresJournalStoreTest {
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startServer() throws IOException {
        pg = TestDatabase.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        pg.close();
    }

    private static String newRun() {
        return "test-" + UUID.randomUUID();
    }

    private static List<JournalRecord> chain(JournalRecord previous, long from, long to, String type) {
        List<JournalRecord> records = new ArrayList<>();
        byte[] hash = previous == null ? JournalRecord.GENESIS : previous.hash();
        for (long s = from; s <= to; s++) {
            JournalRecord r = JournalRecord.chained(hash, s, s, s, type, ("record " + s).getBytes(StandardCharsets.UTF_8));
            records.add(r);
            hash = r.hash();
        }
        return records;
    }

    private static List<JournalRecord> stored(String runId) {
        try (PostgresJournalStore store = PostgresJournalStore.openReadOnly(TestDatabase.connection(pg), runId)) {
            List<JournalRecord> all = new ArrayList<>();
            store.read(1).forEachRemaining(all::add);
            return all;
        }
    }

    private static JournalVerifier.Result verify(String runId) {
        try (PostgresJournalStore store = PostgresJournalStore.openReadOnly(TestDatabase.connection(pg), runId)) {
            return JournalVerifier.verify(store);
        }
    }

    private static String written(int n) {
        String runId = newRun();
        try (PostgresJournalStore store = PostgresJournalStore.open(TestDatabase.connection(pg), runId)) {
            store.append(chain(null, 1, n, "Note"));
        }
        return runId;
    }

    @Test
    void batchThatFailsInTheDatabaseLeavesNothingOfItBehind() {
        String runId = newRun();
        try (PostgresJournalStore store = PostgresJournalStore.open(TestDatabase.connection(pg), runId)) {
            List<JournalRecord> first = chain(null, 1, 4, "Note");
            store.append(first);
            // Record 7's type holds a NUL, which PostgreSQL text refuses: the database fails mid-batch, after 5 and 6.
            List<JournalRecord> batch = new ArrayList<>(chain(first.getLast(), 5, 6, "Note"));
            batch.addAll(chain(batch.getLast(), 7, 7, "No\0te"));
            batch.addAll(chain(batch.getLast(), 8, 9, "Note"));
            assertThatThrownBy(() -> store.append(batch)).isInstanceOf(JournalException.class)
                    .hasMessageContaining("journal write failed");
            assertThat(store.last()).contains(first.getLast());
            assertThat(stored(runId)).containsExactlyElementsOf(first);
            // The store is still usable for the same batch without the bad record.
            List<JournalRecord> good = chain(first.getLast(), 5, 9, "Note");
            store.append(good);
        }
        assertThat(stored(runId)).hasSize(9);
        assertThat(verify(runId).ok()).isTrue();
    }

    @Test
    void runsShareTheTableAndStayApart() {
        String a = written(7);
        String b = written(3);
        assertThat(verify(a).count()).isEqualTo(7);
        assertThat(verify(b).count()).isEqualTo(3);
        assertThat(stored(b)).extracting(JournalRecord::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void schemaIsMigratedOnceAndKeepsItsHistory() throws SQLException {
        written(1);
        written(1);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM " + PostgresJournalStore.HISTORY_TABLE
                     + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getBoolean(2)).isTrue();
                versions.add(rs.getString(1));
            }
            assertThat(versions).containsExactly("1", "2", "3");
        }
    }

    @Test
    void runsStoredBeforeTheBinaryPayloadsAreRefusedByName() throws SQLException {
        TestDatabase.execute(pg, "CREATE DATABASE older");
        PostgresConnection older = new PostgresConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/older",
                "postgres", null);
        // The schema as an earlier Ballast left it (V1), holding a run with a text payload.
        Flyway.configure().dataSource(older.url(), older.user(), null)
                .locations("classpath:db/migration").table(PostgresJournalStore.HISTORY_TABLE).target("1").load().migrate();
        JournalRecord text = chain(null, 1, 1, "Note").getFirst();
        try (Connection c = pg.getDatabase("postgres", "older").getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO journal_record VALUES ('old', 1, 1, 1, 'Note', 'record 1'::bytea, '\\x"
                    + HexFormat.of().formatHex(text.hash()) + "')");
        }
        assertThatThrownBy(() -> PostgresJournalStore.openReadOnly(older, "old"))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("predates payload format 2: its runs hold text payloads (format 1)");

        try (PostgresJournalStore fresh = PostgresJournalStore.open(older, "new")) { // migrates to V2
            fresh.append(chain(null, 1, 2, "Note"));
        }
        assertThatThrownBy(() -> PostgresJournalStore.open(older, "old"))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("run old at " + older.url() + " holds payload format 1 (text payloads, written by an "
                        + "earlier Ballast); this Ballast reads formats 2 to 3 and writes format 3");
        assertThatThrownBy(() -> PostgresJournalStore.openReadOnly(older, "old")).hasMessageContaining("holds payload format 1");
        try (PostgresJournalStore fresh = PostgresJournalStore.openReadOnly(older, "new")) {
            assertThat(JournalVerifier.verify(fresh).count()).isEqualTo(2);
        }
    }

    @Test
    void runsOfFormatTwoAreReadButNotAppendedTo() throws SQLException {
        PostgresConnection connection = TestDatabase.connection(pg);
        String run = newRun();
        try (PostgresJournalStore store = PostgresJournalStore.open(connection, run)) {
            store.append(chain(null, 1, 2, "Note"));
        }
        // As a Ballast of the re-entrant event order left it.
        try (Connection c = pg.getDatabase("postgres", "postgres").getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE journal_record SET payload_format = 2 WHERE run_id = '" + run + "'");
        }
        try (PostgresJournalStore read = PostgresJournalStore.openReadOnly(connection, run)) {
            assertThat(read.format()).isEqualTo(2);
            assertThat(JournalVerifier.verify(read).count()).isEqualTo(2);
        }
        assertThatThrownBy(() -> PostgresJournalStore.open(connection, run))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("holds payload format 2; this Ballast appends to format 3 only");
    }

    @Test
    void databaseWithOtherTablesGetsTheJournalToo() throws SQLException {
        TestDatabase.execute(pg, "CREATE DATABASE shared");
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/shared";
        try (Connection c = pg.getDatabase("postgres", "shared").getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE orders (id bigint PRIMARY KEY)");
        }
        PostgresConnection shared = new PostgresConnection(url, "postgres", null);
        try (PostgresJournalStore store = PostgresJournalStore.open(shared, "r")) {
            store.append(chain(null, 1, 2, "Note"));
        }
        try (PostgresJournalStore store = PostgresJournalStore.openReadOnly(shared, "r")) {
            assertThat(JournalVerifier.verify(store).count()).isEqualTo(2);
        }
    }

    @Test
    void readOnlyStoreRefusesToAppendAndNeedsTheTable() throws SQLException {
        String runId = written(2);
        try (PostgresJournalStore store = PostgresJournalStore.openReadOnly(TestDatabase.connection(pg), runId)) {
            assertThat(store.last().orElseThrow().sequence()).isEqualTo(2);
            assertThatThrownBy(() -> store.append(chain(store.last().orElseThrow(), 3, 3, "Note")))
                    .isInstanceOf(JournalException.class).hasMessageContaining("read-only");
        }
        TestDatabase.execute(pg, "CREATE DATABASE empty");
        PostgresConnection empty = new PostgresConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/empty",
                "postgres", null);
        assertThatThrownBy(() -> PostgresJournalStore.openReadOnly(empty, runId))
                .isInstanceOf(JournalException.class).hasMessageContaining("no journal table");
    }

    @Test
    void unreachableDatabaseIsAJournalException() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PostgresConnection nowhere = new PostgresConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", null);
        assertThatThrownBy(() -> PostgresJournalStore.open(nowhere, "r")).isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot connect to the journal database");
    }

    @Test
    void editedPayloadIsAHashMismatch() throws SQLException {
        String runId = written(6);
        TestDatabase.execute(pg, "UPDATE journal_record SET payload = convert_to('record 9', 'UTF8') WHERE run_id = '"
                + runId + "' AND sequence = 4");
        JournalVerifier.Result r = verify(runId);
        assertThat(r.problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(r.sequence()).isEqualTo(4);
    }

    @Test
    void deletedRowIsASequenceGap() throws SQLException {
        String runId = written(6);
        TestDatabase.execute(pg, "DELETE FROM journal_record WHERE run_id = '" + runId + "' AND sequence = 3");
        JournalVerifier.Result r = verify(runId);
        assertThat(r.problem()).isEqualTo(Problem.SEQUENCE_GAP);
        assertThat(r.sequence()).isEqualTo(3);
    }

    @Test
    void swappedSequenceNumbersBreakTheChain() throws SQLException {
        String runId = written(6);
        String where = " WHERE run_id = '" + runId + "' AND sequence = ";
        TestDatabase.execute(pg, "UPDATE journal_record SET sequence = 1000" + where + "2");
        TestDatabase.execute(pg, "UPDATE journal_record SET sequence = 2" + where + "3");
        TestDatabase.execute(pg, "UPDATE journal_record SET sequence = 3" + where + "1000");
        JournalVerifier.Result r = verify(runId);
        assertThat(r.ok()).isFalse();
        assertThat(r.sequence()).isEqualTo(2);
    }

    @Test
    void rowInsertedByHandDoesNotChain() throws SQLException {
        String runId = written(6);
        TestDatabase.execute(pg, "INSERT INTO journal_record VALUES ('" + runId
                + "', 7, 7, 7, 'Note', convert_to('forged', 'UTF8'), decode(repeat('00', 32), 'hex'))");
        JournalVerifier.Result r = verify(runId);
        assertThat(r.problem()).isEqualTo(Problem.UNCHAINED_APPEND);
        assertThat(r.sequence()).isEqualTo(7);
    }
}
