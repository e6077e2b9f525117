package dev.ballast.engine.journal.store;

import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.store.JournalVerifier.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.ballast.engine.journal.JournalTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** What the verifier knows of a run journal's shape beyond the chain: a finished run takes no more records. */
class JournalVerifierTest {
    @TempDir
    Path dir;

    private void write(String... types) throws Exception {
        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.everyBatch());
             JournalWriter writer = new JournalWriter(store)) {
            long last = 0;
            for (String type : types) last = writer.append(1, type, utf8("x"));
            writer.awaitDurable(last, Duration.ofSeconds(10));
        }
    }

    private JournalVerifier.Result verify() {
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            return JournalVerifier.verify(store);
        }
    }

    @Test
    void aRunFinishedRecordEndingTheJournalVerifies() throws Exception {
        write("RunStarted", "Note", "RunFinished");
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(3));
    }

    @Test
    void aChainedRecordAppendedAfterRunFinishedIsCorruption() throws Exception {
        write("RunStarted", "Note", "RunFinished");
        // Reopened and continued with a valid chain: only the journal's shape says it is wrong.
        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.everyBatch());
             JournalWriter writer = new JournalWriter(store)) {
            writer.awaitDurable(writer.append(2, "Note", utf8("later")), Duration.ofSeconds(10));
        }
        JournalVerifier.Result r = verify();
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).isEqualTo(Problem.RECORD_AFTER_FINISH);
        assertThat(r.sequence()).isEqualTo(4);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.detail()).contains("record 4 (Note) follows record 3, the run's RunFinished");
    }

    @Test
    void aChainedRecordAppendedAfterRunStoppedIsCorruption() throws Exception {
        write("RunStarted", "Note", "RunStopped");
        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.everyBatch());
             JournalWriter writer = new JournalWriter(store)) {
            writer.awaitDurable(writer.append(2, "Note", utf8("later")), Duration.ofSeconds(10));
        }
        JournalVerifier.Result r = verify();
        assertThat(r.problem()).isEqualTo(Problem.RECORD_AFTER_FINISH);
        assertThat(r.detail()).contains("record 4 (Note) follows record 3, the run's RunStopped");
    }
}
