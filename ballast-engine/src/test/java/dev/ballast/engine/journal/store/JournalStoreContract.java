package dev.ballast.engine.journal.store;

import java.util.concurrent.CopyOnWriteArrayList;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.codec.RecordCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static dev.ballast.engine.journal.JournalTestSupport.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link JournalStore} must do, whatever keeps the records: a store's test extends this and says how
 * to open the store under test. Each test starts from an empty store of its own.
 */
public abstract class JournalStoreContract {
    /**
     * Opens the store under test for appending: empty the first time in a test, the same records again after a
     * {@code close()} (a reopen).
     */
    protected abstract JournalStore openStore();

    /** Opens the same store for reading only (by default: {@link #openStore()}). */
    protected JournalStore openForReading() {
        return openStore();
    }

    /** Writes fills 1..n through a {@link JournalWriter} (hash chain, batches of at most 64) and closes the store. */
    protected final void writeFills(int n) throws Exception {
        try (JournalStore store = openStore(); JournalWriter writer = new JournalWriter(store, 4096, 64)) {
            long last = 0;
            for (int i = 1; i <= n; i++) last = writer.append(fill(i).timestamp(), fill(i));
            writer.awaitDurable(last, Duration.ofSeconds(30));
        }
    }

    protected final List<JournalRecord> readAll(long from) {
        try (JournalStore store = openForReading()) {
            List<JournalRecord> all = new ArrayList<>();
            store.read(from).forEachRemaining(all::add);
            return all;
        }
    }

    protected final JournalVerifier.Result verify() {
        try (JournalStore store = openForReading()) {
            return JournalVerifier.verify(store);
        }
    }

    /** Records {@code from..to} chained onto {@code previous} (the genesis hash, or the last stored record's). */
    protected static List<JournalRecord> chain(JournalRecord previous, long from, long to, int payloadBytes) {
        List<JournalRecord> records = new ArrayList<>();
        byte[] hash = previous == null ? JournalRecord.GENESIS : previous.hash();
        for (long s = from; s <= to; s++) {
            byte[] payload = new byte[payloadBytes];
            Arrays.fill(payload, (byte) ('a' + s % 26));
            JournalRecord r = JournalRecord.chained(hash, s, s * 10, s * 10 + 1, "Note", payload);
            records.add(r);
            hash = r.hash();
        }
        return records;
    }

    @Test
    public void emptyStoreHasNothingToReadAndVerifies() {
        try (JournalStore store = openStore()) {
            assertThat(store.last()).isEmpty();
            assertThat(store.read(1).hasNext()).isFalse();
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(0));
    }

    @Test
    public void recordsWrittenThroughTheWriterReadBackInOrderAndVerify() throws Exception {
        writeFills(500);
        List<JournalRecord> all = readAll(1);
        assertThat(all).hasSize(500);
        for (int i = 0; i < 500; i++) {
            JournalRecord r = all.get(i);
            assertThat(r.sequence()).isEqualTo(i + 1);
            assertThat(r.type()).isEqualTo("Fill");
            assertThat(r.engineTime()).isEqualTo(fill(i + 1).timestamp());
            assertThat(r.payload()).isEqualTo(RecordCodec.encode(fill(i + 1)));
            assertThat(r.wallTime()).isPositive();
        }
        try (JournalStore store = openForReading()) {
            assertThat(store.last()).contains(all.getLast());
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(500));
    }

    @Test
    public void appendedRecordsAreStoredExactlyAsGiven() {
        List<JournalRecord> records = chain(null, 1, 3, 10);
        try (JournalStore store = openStore()) {
            store.append(records);
            assertThat(store.last()).contains(records.getLast());
        }
        assertThat(readAll(1)).containsExactlyElementsOf(records);
    }

    @Test
    public void readStartsAtTheSequenceAsked() throws Exception {
        writeFills(1500);
        List<JournalRecord> tail = readAll(1234);
        assertThat(tail).hasSize(1500 - 1234 + 1);
        assertThat(tail.getFirst().sequence()).isEqualTo(1234);
        assertThat(tail.getLast().sequence()).isEqualTo(1500);
        assertThat(readAll(1501)).isEmpty();
        try (JournalStore store = openForReading()) {
            Iterator<JournalRecord> it = store.read(1500);
            assertThat(it.next().sequence()).isEqualTo(1500);
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    public void reopenedStoreContinuesTheChain() throws Exception {
        writeFills(10);
        try (JournalStore store = openStore(); JournalWriter writer = new JournalWriter(store)) {
            assertThat(store.last().orElseThrow().sequence()).isEqualTo(10);
            long seq = writer.append(5, "Note", "more".getBytes(StandardCharsets.UTF_8));
            assertThat(seq).isEqualTo(11);
            writer.awaitDurable(seq, Duration.ofSeconds(10));
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(11));
        assertThat(new String(readAll(11).getFirst().payload(), StandardCharsets.UTF_8)).isEqualTo("more");
    }

    @Test
    public void largePayloadsRoundTrip() {
        List<JournalRecord> records = new ArrayList<>(chain(null, 1, 3, 3 * 1024 * 1024));
        records.addAll(chain(records.getLast(), 4, 200, 20_000));
        try (JournalStore store = openStore()) {
            store.append(records.subList(0, 3));
            store.append(records.subList(3, records.size()));
        }
        assertThat(readAll(1)).containsExactlyElementsOf(records);
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(200));
    }

    @Test
    public void textIsStoredAsUtf8() {
        byte[] payload = "Fill{venue=\"Zürich ✓\", note=\"日本\"}".getBytes(StandardCharsets.UTF_8);
        JournalRecord r = JournalRecord.chained(JournalRecord.GENESIS, 1, 1, 2, "Notiz-ä", payload);
        try (JournalStore store = openStore()) {
            store.append(List.of(r));
        }
        assertThat(readAll(1)).containsExactly(r);
    }

    @Test
    public void emptyAppendChangesNothing() {
        try (JournalStore store = openStore()) {
            store.append(List.of());
            assertThat(store.last()).isEmpty();
            store.append(chain(null, 1, 2, 8));
            store.append(List.of());
            assertThat(store.last().orElseThrow().sequence()).isEqualTo(2);
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(2));
    }

    @Test
    public void batchThatDoesNotContinueTheSequenceIsRefusedWholeAndEarlierRecordsStay() {
        List<JournalRecord> first = chain(null, 1, 5, 16);
        try (JournalStore store = openStore()) {
            store.append(first);
            List<JournalRecord> bad = new ArrayList<>(chain(first.getLast(), 6, 8, 16));
            bad.set(2, chain(bad.get(1), 9, 9, 16).getFirst()); // 6, 7, 9: a gap inside the batch
            assertThatThrownBy(() -> store.append(bad)).isInstanceOf(JournalException.class);
            List<JournalRecord> overlapping = chain(first.get(2), 4, 6, 16); // 4 and 5 are stored already
            assertThatThrownBy(() -> store.append(overlapping)).isInstanceOf(JournalException.class);
            assertThat(store.last()).contains(first.getLast());
        }
        assertThat(readAll(1)).containsExactlyElementsOf(first);
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(5));
    }

    @Test
    public void failedWriterKeepsWhatItStoredAndThatVerifies() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        long durable;
        try (JournalStore store = openStore();
             JournalWriter writer = new JournalWriter(new DiskFullStore(store, 30), 1024, 8)) {
            writer.onFailure(failures::add);
            for (int i = 1; i <= 100; i++) writer.append(i, fill(i));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (failures.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(failures).hasSize(1);
            durable = writer.durableSequence();
            assertThat(durable).isBetween(1L, 30L);
        }
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(durable));
        List<JournalRecord> stored = readAll(1);
        for (int i = 1; i <= durable; i++) assertThat(stored.get(i - 1).payload()).isEqualTo(RecordCodec.encode(fill(i)));
    }

    @Test
    public void appendAfterCloseIsRefused() {
        JournalStore store = openStore();
        store.close();
        assertThatThrownBy(() -> store.append(chain(null, 1, 1, 8))).isInstanceOf(JournalException.class);
        store.close(); // closing twice is harmless
        assertThat(verify()).isEqualTo(JournalVerifier.Result.ok(0));
    }
}
