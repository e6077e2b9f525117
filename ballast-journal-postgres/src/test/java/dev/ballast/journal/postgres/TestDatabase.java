package dev.ballast.journal.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A real PostgreSQL server for the tests (zonky's embedded binaries, a free port, started and stopped by them). */
final class TestDatabase {
    /** The embedded server narrates initdb and start-up at INFO; the tests want only its warnings. */
    private static final Logger QUIET = Logger.getLogger("io.zonky");

    static {
        QUIET.setLevel(Level.WARNING);
    }

    private TestDatabase() {
    }

    /** A server with a fresh data folder, deleted when it stops. */
    static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    /** A server on {@code dataDir}, which survives a stop so that a restart finds what was stored. */
    static EmbeddedPostgres start(Path dataDir) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
    }

    static PostgresConnection connection(EmbeddedPostgres pg) {
        return new PostgresConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", null);
    }

    /** Runs SQL as the superuser, outside the store (to tamper, to look). */
    static int execute(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }
}
