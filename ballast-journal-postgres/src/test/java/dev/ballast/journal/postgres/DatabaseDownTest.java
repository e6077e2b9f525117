package dev.ballast.journal.postgres;

import dev.ballast.engine.JournalFailureRun;
import dev.ballast.engine.journal.store.ForwardingJournalStore;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.engine.journal.JournalWriter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes down during a run: the writer fails, its listeners are told (the account halts), and after a
 * restart on the same data folder everything stored before the failure is there and verifies.
 */
@Tag("system") // embedded PostgreSQL: run by Failsafe (./mvnw verify)
class DatabaseDownTest {
    @TempDir
    Path data;

    /** Passes everything to the store and keeps a copy of each batch the store accepted. */
    static final class Recording extends ForwardingJournalStore {
        final List<JournalRecord> accepted = Collections.synchronizedList(new ArrayList<>());

        Recording(JournalStore delegate) {
            super(delegate);
        }

        @Override
        public void append(List<JournalRecord> records) {
            delegate.append(records);
            accepted.addAll(records);
        }
    }

    /** Restarts a server on the data folder and checks the stored records: the accepted ones first, and a sound chain. */
    private void assertKeptAfterRestart(String runId, List<JournalRecord> accepted) throws Exception {
        try (EmbeddedPostgres again = TestDatabase.start(data);
             PostgresJournalStore store = PostgresJournalStore.openReadOnly(TestDatabase.connection(again), runId)) {
            JournalVerifier.Result verdict = JournalVerifier.verify(store);
            assertThat(verdict.ok()).as(verdict.toString()).isTrue();
            List<JournalRecord> stored = new ArrayList<>();
            store.read(1).forEachRemaining(stored::add);
            // A batch whose commit was under way as the server stopped may have landed too; nothing accepted is lost.
            assertThat(stored).startsWith(accepted.toArray(JournalRecord[]::new));
            assertThat(verdict.count()).isEqualTo(stored.size());
        }
    }

    @Test
    void writerFailsWhenTheServerStopsMidStreamAndWhatItStoredSurvives() throws Exception {
        String runId = "down-" + System.nanoTime();
        EmbeddedPostgres pg = TestDatabase.start(data);
        Recording store = new Recording(PostgresJournalStore.open(TestDatabase.connection(pg), runId));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        JournalWriter writer = new JournalWriter(store, 1 << 16, 256);
        writer.onFailure(failures::add);
        byte[] payload = "Fill{orderId=ClientOrderId{value=\"sma-1\"},price=187.25}".getBytes(StandardCharsets.UTF_8);
        // The engine thread's part: records in chunks, each chunk waited for, until the journal fails.
        Thread appender = Thread.ofPlatform().start(() -> {
            try {
                for (int chunk = 0; chunk < 10_000 && writer.failure() == null; chunk++) {
                    long last = 0;
                    for (int i = 0; i < 200; i++) last = writer.append(chunk * 200L + i, "Fill", payload);
                    if (last < 0) return;
                    writer.awaitDurable(last, Duration.ofSeconds(30));
                }
            } catch (JournalException stopped) {
                // the journal failed under the chunk: what the engine would see
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (writer.durableSequence() < 3_000 && System.nanoTime() < deadline) Thread.sleep(1);
        pg.close(); // the server stops while the appender is writing
        appender.join(Duration.ofSeconds(60).toMillis());
        assertThat(appender.isAlive()).isFalse();
        writer.close();
        store.close();

        assertThat(failures).hasSize(1);
        assertThat(failures.getFirst()).isInstanceOf(JournalException.class).hasMessageContaining("journal write failed");
        long durable = writer.durableSequence();
        assertThat(durable).isGreaterThanOrEqualTo(3_000);
        assertThat(store.accepted).hasSize((int) durable);
        assertKeptAfterRestart(runId, store.accepted);
    }

    @Test
    void accountHaltsWhenTheDatabaseGoesDownAndTheStoredPrefixVerifies() throws Exception {
        String runId = "halt-" + System.nanoTime();
        EmbeddedPostgres pg = TestDatabase.start(data);
        Recording store = new Recording(PostgresJournalStore.open(TestDatabase.connection(pg), runId));

        JournalFailureRun.Outcome outcome = JournalFailureRun.run(store, pg::close);

        outcome.assertHaltedForJournalFailure();
        assertThat(outcome.failure()).isInstanceOf(JournalException.class);
        assertThat(store.accepted).hasSize((int) outcome.storedBeforeBreak());
        assertThat(store.accepted.getFirst().type()).isEqualTo("RunStarted");
        assertKeptAfterRestart(runId, store.accepted);
    }
}
