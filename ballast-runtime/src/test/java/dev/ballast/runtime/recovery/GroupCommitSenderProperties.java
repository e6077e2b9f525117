package dev.ballast.runtime.recovery;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the engine queues and however the journal stores it (in steps, or failing part way), every call runs once,
 * in the order it was queued, and none reaches the venue before its record is durable.
 */
class GroupCommitSenderProperties {

    /** A journal writer storing records on a thread of its own, a few at a time, failing after record {@code failAt}. */
    private static final class Writer {
        volatile long durable;
        volatile boolean failed;

        /** What the gate's durability wait does: waits for the record, or learns of the failure. */
        boolean awaitDurable(long sequence) {
            while (durable < sequence) {
                if (failed) return false;
                Thread.onSpinWait();
            }
            return true;
        }

        Thread start(long last, int step, long failAt) {
            return Thread.ofPlatform().start(() -> {
                while (durable < last) {
                    long next = Math.min(last, durable + step);
                    if (next > failAt) {
                        failed = true;
                        return;
                    }
                    LockSupport.parkNanos(20_000);
                    durable = next;
                }
            });
        }
    }

    private record Ran(int call, boolean sent, long durableThen, long sequence) {
    }

    @Property(tries = 200)
    void everyCallRunsOnceInOrderAndNoneBeforeItsRecordIsDurable(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 3) Integer> recordsBefore,
            @ForAll @IntRange(min = 1, max = 8) int writerStep,
            @ForAll @IntRange(min = 0, max = 250) int failAt) throws InterruptedException {
        Writer writer = new Writer();
        List<Ran> ran = new CopyOnWriteArrayList<>();
        GroupCommitSender sender = new GroupCommitSender(writer::awaitDurable, Duration.ofSeconds(30), "gate-property");
        long sequence = 0;
        List<Long> sequences = new ArrayList<>();
        for (int records : recordsBefore) {
            sequence += records;
            sequences.add(sequence);
        }
        // failAt beyond the last record: the journal never fails.
        Thread storing = writer.start(sequence, writerStep, failAt);
        for (int i = 0; i < sequences.size(); i++) {
            int call = i;
            long needs = sequences.get(i);
            sender.queue(new GroupCommitSender.Call(needs,
                    () -> ran.add(new Ran(call, true, writer.durable, needs)),
                    () -> ran.add(new Ran(call, false, writer.durable, needs))));
        }
        sender.close();
        storing.join();

        assertThat(ran).extracting(Ran::call).as("each call once, in the order queued")
                .containsExactlyElementsOf(IntStream.range(0, sequences.size()).boxed().toList());
        for (Ran r : ran) {
            if (r.sent()) {
                assertThat(r.durableThen()).as("call " + r.call() + " left before record " + r.sequence() + " was durable")
                        .isGreaterThanOrEqualTo(r.sequence());
            } else {
                assertThat(writer.failed).as("call " + r.call() + " answered as not durable, yet the journal never failed")
                        .isTrue();
            }
        }
    }
}
