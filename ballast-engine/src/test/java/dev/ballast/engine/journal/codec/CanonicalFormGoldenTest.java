package dev.ballast.engine.journal.codec;

import dev.ballast.engine.journal.JournalTestSupport;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the journal's bytes: the canonical payload of representative events (canonical-golden-payloads.txt, one
 * {@code Type hex} line each), their readable text (canonical-golden.txt, one {@code Type text} line each: the text
 * the journal held before its payloads became binary, so the reader gives back exactly what the old form said), the
 * chain over them and the segment file that holds them. A change here breaks every journal already written: never
 * regenerate the golden values to make this pass.
 */
public class CanonicalFormGoldenTest {
    /** The chain head after the golden events, sequence i at engine time 1000 * i and wall time 1.7e18 + i. */
    static final String HEAD = "f6b98fe4644973f6ebcb3027f5a850d7787d6cab3f891726fdeb75ac8a930559";
    /** SHA-256 of the segment file holding exactly those records (header version 3: the bytes after it are as in 2). */
    static final String SEGMENT_SHA256 = "d705034f10a4375ad2efc387a00f3c05902662c503dc56f0ef2281afa100b787";
    static final int SEGMENT_LENGTH = 2530;

    @TempDir
    Path dir;

    @Test
    void payloadsAreByteForByteTheGoldenOnes() throws IOException {
        List<String> golden = goldenLines("canonical-golden-payloads.txt");
        List<Record> events = GoldenEvents.all();
        assertThat(events).hasSameSizeAs(golden);
        for (int i = 0; i < events.size(); i++) {
            Record event = events.get(i);
            String line = golden.get(i);
            String type = line.substring(0, line.indexOf(' '));
            assertThat(RecordCodec.typeOf(event)).isEqualTo(type);
            assertThat(HexFormat.of().formatHex(RecordCodec.encode(event))).as("payload of %s", type)
                    .isEqualTo(line.substring(type.length() + 1));
        }
    }

    @Test
    void payloadsReadBackAsTheGoldenText() throws IOException {
        List<String> golden = goldenLines("canonical-golden.txt");
        List<Record> events = GoldenEvents.all();
        assertThat(events).hasSameSizeAs(golden);
        for (int i = 0; i < events.size(); i++) {
            Record event = events.get(i);
            assertThat(RecordCodec.typeOf(event) + " " + JournalTestSupport.text(event)).isEqualTo(golden.get(i));
        }
    }

    @Test
    void chainOverTheGoldenEventsIsTheGoldenOne() {
        List<JournalRecord> records = goldenRecords();
        assertThat(HexFormat.of().formatHex(records.getLast().hash())).isEqualTo(HEAD);
    }

    @Test
    void segmentFileIsTheGoldenOne() throws Exception {
        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.never())) {
            store.append(goldenRecords());
        }
        assertSegmentIsGolden(dir);
    }

    public static void assertSegmentIsGolden(Path dir) throws Exception {
        byte[] segment = Files.readAllBytes(JournalTestSupport.onlySegment(dir));
        assertThat(segment).hasSize(SEGMENT_LENGTH);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(segment))).isEqualTo(SEGMENT_SHA256);
    }

    public static long engineTime(long sequence) {
        return 1_000L * sequence;
    }

    public static long wallTime(long sequence) {
        return 1_700_000_000_000_000_000L + sequence;
    }

    private static List<JournalRecord> goldenRecords() {
        List<JournalRecord> records = new ArrayList<>();
        byte[] previous = JournalRecord.GENESIS;
        long sequence = 1;
        for (Record event : GoldenEvents.all()) {
            JournalRecord r = JournalRecord.chained(previous, sequence, engineTime(sequence), wallTime(sequence),
                    RecordCodec.typeOf(event), RecordCodec.encode(event));
            records.add(r);
            previous = r.hash();
            sequence++;
        }
        return records;
    }

    private static List<String> goldenLines(String resource) throws IOException {
        try (InputStream in = CanonicalFormGoldenTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " missing from the test resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
