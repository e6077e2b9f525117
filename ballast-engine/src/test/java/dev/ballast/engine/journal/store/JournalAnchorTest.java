package dev.ballast.engine.journal.store;

import java.time.Duration;
import dev.ballast.engine.journal.JournalTestSupport;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.store.JournalVerifier.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static dev.ballast.engine.journal.JournalTestSupport.fill;
import static dev.ballast.engine.journal.JournalTestSupport.frame;
import static dev.ballast.engine.journal.JournalTestSupport.frames;
import static dev.ballast.engine.journal.JournalTestSupport.onlySegment;
import static dev.ballast.engine.journal.JournalTestSupport.rewrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the chain alone cannot catch, a tail rewritten with valid hashes or cut off by someone holding the files, is
 * caught against an anchor kept elsewhere ({@link JournalHead}); a journal that grew after it was anchored still
 * verifies.
 */
class JournalAnchorTest {
    @TempDir
    Path dir;

    @Test
    void theWriterReportsTheHeadItStored() throws Exception {
        try (FileJournalStore store = FileJournalStore.open(dir, FsyncPolicy.never());
             JournalWriter writer = new JournalWriter(store)) {
            assertThat(writer.head()).isEqualTo(JournalHead.EMPTY);
            long last = 0;
            for (int i = 1; i <= 5; i++) last = writer.append(i, fill(i));
            writer.awaitDurable(last, Duration.ofSeconds(10));
            writer.close();
            assertThat(writer.head()).isEqualTo(JournalHead.of(store.last().orElseThrow()));
            assertThat(writer.head().sequence()).isEqualTo(5);
        }
        try (FileJournalStore reopened = FileJournalStore.open(dir, FsyncPolicy.never());
             JournalWriter writer = new JournalWriter(reopened)) {
            assertThat(writer.head()).isEqualTo(JournalHead.of(reopened.last().orElseThrow()));
        }
    }

    @Test
    void aJournalHoldingItsAnchorVerifiesAndMayHaveGrownSince() throws Exception {
        JournalTestSupport.writeFills(dir, 10, FsyncPolicy.never(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        List<JournalRecord> records = read();

        assertThat(verify(JournalHead.of(records.get(9)))).isEqualTo(JournalVerifier.Result.ok(10));
        assertThat(verify(JournalHead.of(records.get(4)))).isEqualTo(JournalVerifier.Result.ok(10));
        assertThat(verify(JournalHead.EMPTY)).isEqualTo(JournalVerifier.Result.ok(10));
    }

    @Test
    void aTailRewrittenWithValidHashesIsCaughtOnlyAgainstTheAnchor() throws Exception {
        JournalTestSupport.writeFills(dir, 10, FsyncPolicy.never(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        List<JournalRecord> records = read();
        JournalHead anchor = JournalHead.of(records.get(9));
        // Records 8 to 10 replaced by others, chained properly onto record 7: the forger knows the format.
        List<byte[]> frames = frames(onlySegment(dir)).subList(0, 7);
        List<byte[]> forged = new ArrayList<>(frames);
        byte[] previous = records.get(6).hash();
        for (int i = 8; i <= 10; i++) {
            JournalRecord r = JournalRecord.chained(previous, i, records.get(i - 1).engineTime(),
                    records.get(i - 1).wallTime(), "Fill", RecordCodec.encode(fill(100 + i)));
            forged.add(frame(r));
            previous = r.hash();
        }
        rewrite(onlySegment(dir), forged);

        assertThat(verify(JournalHead.EMPTY).ok()).as("the chain alone").isTrue();
        JournalVerifier.Result r = verify(anchor);
        assertThat(r.problem()).isEqualTo(Problem.ANCHOR_MISMATCH);
        assertThat(r.sequence()).isEqualTo(10);
        assertThat(r.count()).isEqualTo(9);
        assertThat(r.detail()).contains("the anchor says " + anchor.hashHex());
    }

    @Test
    void aTailCutOffIsCaughtOnlyAgainstTheAnchor() throws Exception {
        JournalTestSupport.writeFills(dir, 10, FsyncPolicy.never(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        JournalHead anchor = JournalHead.of(read().get(9));
        rewrite(onlySegment(dir), frames(onlySegment(dir)).subList(0, 8));

        assertThat(verify(JournalHead.EMPTY)).as("the chain alone").isEqualTo(JournalVerifier.Result.ok(8));
        JournalVerifier.Result r = verify(anchor);
        assertThat(r.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(r.sequence()).isEqualTo(9);
        assertThat(r.detail()).isEqualTo("the journal ends at record 8, before the anchored record 10: records were cut off");
    }

    @Test
    void aDamagedChainIsReportedBeforeTheAnchor() throws Exception {
        JournalTestSupport.writeFills(dir, 10, FsyncPolicy.never(), FileJournalStore.DEFAULT_SEGMENT_BYTES);
        JournalHead anchor = JournalHead.of(read().get(9));
        List<byte[]> frames = new ArrayList<>(frames(onlySegment(dir)));
        frames.remove(3);
        rewrite(onlySegment(dir), frames);

        assertThat(verify(anchor).problem()).isEqualTo(Problem.SEQUENCE_GAP);
    }

    @Test
    void anAnchorIsReadFromItsTextOrRefusedSayingWhatIsWrong() {
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) hash[i] = (byte) (i * 7);
        JournalHead head = new JournalHead(42, hash);
        assertThat(JournalHead.parse(head.toString())).isEqualTo(head);
        assertThat(head.toString()).startsWith("42:").hasSize(3 + 64);
        assertThatThrownBy(() -> JournalHead.parse("42")).hasMessageContaining("is not SEQUENCE:HASH (no ':')");
        assertThatThrownBy(() -> JournalHead.parse("x:" + head.hashHex())).hasMessageContaining("'x' before the ':' is not a record sequence");
        assertThatThrownBy(() -> JournalHead.parse("0:" + head.hashHex())).hasMessageContaining("at least 1, was 0");
        assertThatThrownBy(() -> JournalHead.parse("42:abc")).hasMessageContaining("64 hex digits, was 3 characters");
        assertThatThrownBy(() -> JournalHead.parse("42:" + "g".repeat(64))).hasMessageContaining("is not hex");
    }

    private JournalVerifier.Result verify(JournalHead anchor) {
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            return JournalVerifier.verify(store, anchor, r -> {
            });
        }
    }

    private List<JournalRecord> read() {
        List<JournalRecord> out = new ArrayList<>();
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            for (Iterator<JournalRecord> it = store.read(1); it.hasNext(); ) out.add(it.next());
        }
        return out;
    }
}
