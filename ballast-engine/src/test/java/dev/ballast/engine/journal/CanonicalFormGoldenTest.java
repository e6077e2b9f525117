package dev.ballast.engine.journal;

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
 * Pins the journal's bytes: the canonical payload of representative events (canonical-golden.txt, one
 * {@code Type payload} line each, written by the codec as it was before any optimisation), the chain over them and
 * the segment file that holds them. A change here breaks every journal already written: never regenerate the
 * golden values to make this pass.
 */
class CanonicalFormGoldenTest {
    /** The chain head after the golden events, sequence i at engine time 1000 * i and wall time 1.7e18 + i. */
    static final String HEAD = "d6223ee7cfa4d5af1369f064469150a98445da120e0aeb8243701bf3e0d6f14e";
    /** SHA-256 of the segment file holding exactly those records. */
    static final String SEGMENT_SHA256 = "ca1b407f8ae9f32240970fbeae78de178ff0c4a563bc29f99c262f2b73ee6062";
    static final int SEGMENT_LENGTH = 5453;

    @TempDir
    Path dir;

    @Test
    void payloadsAreByteForByteTheGoldenOnes() throws IOException {
        List<String> golden = goldenLines();
        List<Record> events = GoldenEvents.all();
        assertThat(events).hasSameSizeAs(golden);
        for (int i = 0; i < events.size(); i++) {
            Record event = events.get(i);
            String line = golden.get(i);
            String type = line.substring(0, line.indexOf(' '));
            byte[] payload = line.substring(type.length() + 1).getBytes(StandardCharsets.UTF_8);
            assertThat(RecordCodec.typeOf(event)).isEqualTo(type);
            assertThat(new String(RecordCodec.encode(event), StandardCharsets.UTF_8)).as("payload of %s", type)
                    .isEqualTo(new String(payload, StandardCharsets.UTF_8));
            assertThat(RecordCodec.encode(event)).as("payload bytes of %s", type).isEqualTo(payload);
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

    static void assertSegmentIsGolden(Path dir) throws Exception {
        byte[] segment = Files.readAllBytes(JournalTestSupport.onlySegment(dir));
        assertThat(segment).hasSize(SEGMENT_LENGTH);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(segment))).isEqualTo(SEGMENT_SHA256);
    }

    static long engineTime(long sequence) {
        return 1_000L * sequence;
    }

    static long wallTime(long sequence) {
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

    private static List<String> goldenLines() throws IOException {
        try (InputStream in = CanonicalFormGoldenTest.class.getResourceAsStream("canonical-golden.txt")) {
            if (in == null) throw new IllegalStateException("canonical-golden.txt missing from the test resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
