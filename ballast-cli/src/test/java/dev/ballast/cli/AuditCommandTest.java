package dev.ballast.cli;

import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.journal.codec.JournalSchema;
import dev.ballast.engine.journal.codec.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCommandTest {
    @TempDir
    Path run;

    private void journal(int n) throws Exception {
        try (FileJournalStore store = FileJournalStore.open(run.resolve("journal"), FsyncPolicy.everyBatch());
             JournalWriter writer = new JournalWriter(store)) {
            long last = 0;
            for (int i = 1; i <= n; i++) last = writer.append(i, "Note", ("note " + i).getBytes(StandardCharsets.UTF_8));
            writer.awaitDurable(last, Duration.ofSeconds(5));
        }
    }

    @Test
    void intactJournalIsOk() throws Exception {
        journal(25);
        CliRun r = CliRun.of("audit", "verify", run.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("OK: 25 records");
    }

    @Test
    void tamperedJournalExitsWithOne() throws Exception {
        journal(25);
        Path segment;
        try (var files = Files.list(run.resolve("journal"))) {
            segment = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("note 7");
        bytes[at + 5] = '9';
        Files.write(segment, bytes);
        CliRun r = CliRun.of("audit", "verify", run.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("BAD at sequence 7").contains("CRC_MISMATCH");
    }

    @Test
    void recordsWhosePayloadCannotBeReadAreReportedNotSkippedSilently() throws Exception {
        journal(8);
        // "Note" is not a model type, but it is in this journal: --type accepts it
        CliRun r = CliRun.of("audit", "show", run.toString(), "--type", "Note");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.err()).contains("error: record 1 (Note): cannot read its payload: cannot decode Note: unknown journal type",
                "error: 3 more records whose payload cannot be read");
    }

    @Test
    void aStrayFileNamedLikeASegmentIsAOneLineErrorNotAStackTrace() throws Exception {
        journal(3);
        Files.writeString(run.resolve("journal").resolve("segment-abc.journal"), "stray");
        for (String command : new String[] {"verify", "replay", "show"}) {
            CliRun r = CliRun.of("audit", command, run.toString());
            assertThat(r.exitCode()).as(command).isEqualTo(1);
            assertThat(r.err()).as(command).contains("error: ").contains("segment-abc.journal, which is not a journal segment")
                    .doesNotContain("\tat ");
            assertThat(r.err().lines()).as(command).hasSize(1);
        }
    }

    @Test
    void replayingAnEmptyJournalIsAOneLineError() throws Exception {
        FileJournalStore.open(run.resolve("journal"), FsyncPolicy.everyBatch()).close();
        CliRun r = CliRun.of("audit", "replay", run.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the journal holds no record").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aRecordAppendedAfterRunFinishedFailsVerify() throws Exception {
        try (FileJournalStore store = FileJournalStore.open(run.resolve("journal"), FsyncPolicy.everyBatch());
             JournalWriter writer = new JournalWriter(store)) {
            writer.append(1, "Note", "start".getBytes(StandardCharsets.UTF_8));
            writer.append(2, "RunFinished", "end".getBytes(StandardCharsets.UTF_8));
            writer.awaitDurable(writer.append(3, "Note", "later".getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(5));
        }
        CliRun r = CliRun.of("audit", "verify", run.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("BAD at sequence 3: RECORD_AFTER_FINISH");
    }

    @Test
    void missingJournalIsAUserError() {
        CliRun r = CliRun.of("audit", "verify", run.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
    }

    /** The Fill an older Ballast wrote: other fields than this build's. */
    public record Fill(String orderRef, long units) {
    }

    @Test
    void aJournalIsReadByTheSchemaItCarriesNotByThisBuildsClasses() throws Exception {
        JournalSchema older = RunJournal.decoder().schema();
        List<JournalSchema.TypeLayout> types = new ArrayList<>(older.types());
        types.removeIf(t -> t.name().equals("Fill"));
        types.add(new JournalSchema.TypeLayout("Fill", List.of(
                new JournalSchema.FieldLayout("orderRef", "STRING", null),
                new JournalSchema.FieldLayout("units", "SIGNED", null))));
        try (FileJournalStore store = FileJournalStore.open(run.resolve("journal"), FsyncPolicy.everyBatch());
             JournalWriter writer = new JournalWriter(store)) {
            writer.append(1, new JournalSchema(types));
            long last = writer.append(2, "Fill", RecordCodec.encode(new Fill("sma-7", 300)));
            writer.awaitDurable(last, Duration.ofSeconds(5));
        }

        CliRun r = CliRun.of("audit", "export", run.toString(), "--type", "Fill");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"orderRef\":\"sma-7\"", "\"units\":300");
    }
}
