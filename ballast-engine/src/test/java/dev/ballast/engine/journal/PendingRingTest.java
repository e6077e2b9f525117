package dev.ballast.engine.journal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PendingRingTest {
    @Test
    void refusesWhenFullAndTakesAgainOnceDrained() {
        PendingRing ring = new PendingRing(3);
        for (long s = 1; s <= 3; s++) assertThat(ring.offer(s, s, s, "T", null, new byte[]{(byte) s})).isTrue();
        assertThat(ring.offer(4, 4, 4, "T", null, new byte[0])).isFalse();
        assertThat(ring.size()).isEqualTo(3);
        List<Long> seen = new ArrayList<>();
        assertThat(ring.drain(slot -> seen.add(slot.sequence), 2)).isEqualTo(2);
        assertThat(seen).containsExactly(1L, 2L);
        assertThat(ring.offer(4, 4, 4, "T", null, new byte[0])).isTrue();
        assertThat(ring.drain(slot -> seen.add(slot.sequence), 10)).isEqualTo(2);
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.drain(slot -> seen.add(slot.sequence), 10)).isZero();
    }

    @Test
    void backlogAsTheProducerSeesIt() {
        PendingRing ring = new PendingRing(8);
        for (long s = 1; s <= 4; s++) ring.offer(s, s, s, "T", null, new byte[0]);
        assertThat(ring.backlogBelow(5)).isTrue();
        assertThat(ring.backlogBelow(4)).isFalse();
        ring.drain(slot -> { }, 3);
        assertThat(ring.backlogBelow(2)).isTrue();
    }

    @Test
    void drainedSlotsLetGoOfTheirRecords() {
        PendingRing ring = new PendingRing(2);
        ring.offer(1, 1, 1, "T", new JournalWriterHandOffTest.Basket(List.of()), null);
        List<PendingRing.Slot> slots = new ArrayList<>();
        ring.drain(slots::add, 1);
        assertThat(slots.getFirst().event).isNull();
        assertThat(slots.getFirst().type).isNull();
    }
}
