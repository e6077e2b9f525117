package dev.ballast.engine.journal;

import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.store.DiskFullStore;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.ForwardingJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.store.JournalVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ballast.engine.journal.JournalTestSupport.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalWriterTest {
    @TempDir
    Path dir;

    /** A store whose appends wait for a latch. */
    static final class GatedStore extends ForwardingJournalStore {
        final CountDownLatch gate = new CountDownLatch(1);

        GatedStore(JournalStore delegate) {
            super(delegate);
        }

        @Override
        public void append(List<JournalRecord> records) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new JournalException("interrupted", e);
            }
            delegate.append(records);
        }
    }

    @Test
    void diskFullCallsTheFailureCallbackAndKeepsWhatWasWritten() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        long durable;
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.everyBatch());
             JournalWriter writer = new JournalWriter(new DiskFullStore(file, 50), 1024, 16)) {
            writer.onFailure(failures::add);
            long last = 0;
            for (int i = 1; i <= 40; i++) last = writer.append(i, fill(i));
            writer.awaitDurable(last, Duration.ofSeconds(5));
            for (int i = 41; i <= 100; i++) writer.append(i, fill(i));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (failures.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(failures).hasSize(1);
            assertThat(failures.getFirst()).hasMessageContaining("No space left");
            assertThat(writer.failure()).isSameAs(failures.getFirst());
            assertThat(writer.append(0, fill(0))).isEqualTo(-1);
            durable = writer.durableSequence();
            assertThat(durable).isBetween(40L, 50L);
            assertThatThrownBy(() -> writer.awaitDurable(100, Duration.ofSeconds(5)))
                    .isInstanceOf(JournalException.class);
        }
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(JournalVerifier.verify(store)).isEqualTo(JournalVerifier.Result.ok(durable));
            Iterator<JournalRecord> it = store.read(1);
            for (int i = 1; i <= durable; i++) assertThat(it.next().payload()).isEqualTo(RecordCodec.encode(fill(i)));
        }
    }

    @Test
    void lateFailureListenerIsToldAtOnce() throws Exception {
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.never());
             JournalWriter writer = new JournalWriter(new DiskFullStore(file, 0), 16, 16)) {
            long seq = writer.append(1, fill(1));
            assertThatThrownBy(() -> writer.awaitDurable(seq, Duration.ofSeconds(5))).isInstanceOf(JournalException.class);
            List<Throwable> late = new CopyOnWriteArrayList<>();
            writer.onFailure(late::add);
            assertThat(late).hasSize(1);
        }
    }

    @Test
    void aBacktestsWriterWaitsForRoomInsteadOfFailing() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.never())) {
            GatedStore gated = new GatedStore(file);
            JournalWriter writer = new JournalWriter(gated, 4, 4);
            writer.waitWhenFull(true);
            writer.onFailure(failures::add);
            Thread opener = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                gated.gate.countDown();
            });
            for (int i = 1; i <= 20; i++) assertThat(writer.append(i, fill(i))).isEqualTo(i);
            opener.join();
            writer.close();
            assertThat(failures).isEmpty();
        }
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(JournalVerifier.verify(store)).extracting(JournalVerifier.Result::count).isEqualTo(20L);
        }
    }

    @Test
    void fullQueueFailsTheWriterWithoutBlocking() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.never())) {
            GatedStore gated = new GatedStore(file);
            JournalWriter writer = new JournalWriter(gated, 4, 4);
            writer.onFailure(failures::add);
            long refusedAt = -1;
            for (int i = 1; i <= 20; i++) {
                if (writer.append(i, fill(i)) == -1) {
                    refusedAt = i;
                    break;
                }
            }
            assertThat(refusedAt).isBetween(5L, 10L);
            assertThat(failures).hasSize(1);
            assertThat(failures.getFirst()).hasMessageContaining("queue full");
            gated.gate.countDown();
            writer.close();
        }
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(JournalVerifier.verify(store).ok()).isTrue();
        }
    }

    @Test
    void awaitDurableWaitsForTheStoreAndTimesOut() throws Exception {
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.everyBatch())) {
            GatedStore gated = new GatedStore(file);
            // Each reading of the writer's timer is a second later: the 50 ms timeout passes without real waiting.
            AtomicLong timer = new AtomicLong();
            try (JournalWriter writer = new JournalWriter(gated, JournalWriter.DEFAULT_CAPACITY, 4_096, () -> 0L,
                    () -> timer.addAndGet(TimeUnit.SECONDS.toNanos(1)))) {
                long seq = writer.append(1, fill(1));
                assertThat(seq).isEqualTo(1);
                assertThatThrownBy(() -> writer.awaitDurable(seq, Duration.ofMillis(50)))
                        .isInstanceOf(TimeoutException.class).hasMessage("record 1 not stored within PT0.05S");
                assertThat(writer.durableSequence()).isZero();
                gated.gate.countDown();
                writer.awaitDurable(seq, Duration.ofDays(1));
                assertThat(writer.durableSequence()).isGreaterThanOrEqualTo(1);
                assertThat(file.last().orElseThrow().sequence()).isEqualTo(1);
                // an earlier record is durable at once
                writer.awaitDurable(1, Duration.ZERO);
            }
        }
    }

    @Test
    void closeStoresEverythingQueued() throws Exception {
        try (FileJournalStore file = FileJournalStore.open(dir, FsyncPolicy.defaultInterval());
             JournalWriter writer = new JournalWriter(file)) {
            for (int i = 1; i <= 10_000; i++) writer.append(i, fill(i));
        }
        try (FileJournalStore store = FileJournalStore.openReadOnly(dir)) {
            assertThat(JournalVerifier.verify(store)).isEqualTo(JournalVerifier.Result.ok(10_000));
        }
    }
}
