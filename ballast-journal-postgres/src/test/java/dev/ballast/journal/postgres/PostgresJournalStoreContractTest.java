package dev.ballast.journal.postgres;

import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.store.JournalStoreContract;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.util.UUID;

/** The PostgreSQL store against the store contract: one embedded server for the class, a fresh run id per test. */
@Tag("system") // embedded PostgreSQL: run by Failsafe (./mvnw verify)
class PostgresJournalStoreContractTest extends JournalStoreContract {
    private static EmbeddedPostgres pg;
    private String runId;

    @BeforeAll
    static void startServer() throws IOException {
        pg = TestDatabase.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        pg.close();
    }

    @BeforeEach
    void freshRun() {
        runId = "contract-" + UUID.randomUUID();
    }

    @Override
    protected JournalStore openStore() {
        return PostgresJournalStore.open(TestDatabase.connection(pg), runId);
    }

    @Override
    protected JournalStore openForReading() {
        return PostgresJournalStore.openReadOnly(TestDatabase.connection(pg), runId);
    }
}
