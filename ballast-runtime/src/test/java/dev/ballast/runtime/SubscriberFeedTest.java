package dev.ballast.runtime;

import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.Anomaly;
import dev.ballast.model.event.EngineEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscriber's bounded buffer: the producer never waits; a slow listener loses events and hears how many, where. */
class SubscriberFeedTest {
    private static EngineEvent event(long n) {
        return new AnomalyFlagged(Anomaly.DUPLICATE_FILL, null, "event " + n, n);
    }

    /** Stuck in its first event until released; records what it hears, losses as negative counts. */
    private static final class SlowListener implements RunListener {
        final CountDownLatch inFirst = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Long> heard = new ArrayList<>();

        @Override
        public void onEvent(EngineEvent event) {
            heard.add(event.timestamp());
            if (heard.size() == 1) {
                inFirst.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onLost(long count) {
            heard.add(-count);
        }
    }

    @Test
    void aSlowSubscriberLosesEventsIsToldHowManyWhereAndTheProducerNeverWaits() throws Exception {
        SlowListener listener = new SlowListener();
        SubscriberFeed feed = new SubscriberFeed(listener, 8, "test-subscriber", () -> { });
        feed.start();
        feed.offer(event(1));
        listener.inFirst.await();

        // The listener is stuck: 8 more fit, the rest are dropped, and every offer returns.
        for (long n = 2; n <= 1_000; n++) feed.offer(event(n));
        assertThat(feed.lost()).isEqualTo(1_000 - 1 - 8);
        listener.release.countDown();
        // Once there is room again, the gap goes in before the next event.
        awaitDelivered(feed, 9);
        feed.offer(event(1_001));
        feed.end();
        assertThat(feed.awaitClosed(Duration.ofSeconds(30))).isTrue();

        List<Long> expected = new ArrayList<>();
        for (long n = 1; n <= 9; n++) expected.add(n);
        expected.add(-(1_000L - 9));
        expected.add(1_001L);
        assertThat(listener.heard).containsExactlyElementsOf(expected);
        assertThat(feed.delivered()).isEqualTo(10);
    }

    @Test
    void eventsLostAtTheEndAreReportedBeforeClosing() throws Exception {
        SlowListener listener = new SlowListener();
        SubscriberFeed feed = new SubscriberFeed(listener, 2, "test-subscriber", () -> { });
        feed.start();
        feed.offer(event(1));
        listener.inFirst.await();
        for (long n = 2; n <= 10; n++) feed.offer(event(n));
        feed.end();
        listener.release.countDown();

        assertThat(feed.awaitClosed(Duration.ofSeconds(30))).isTrue();
        assertThat(listener.heard).containsExactly(1L, 2L, 3L, -7L);
    }

    @Test
    void aFastSubscriberHearsEveryEventInOrder() throws Exception {
        List<Long> heard = new ArrayList<>();
        SubscriberFeed feed = new SubscriberFeed(event -> heard.add(event.timestamp()), 64, "test-subscriber", () -> { });
        feed.start();
        for (long n = 1; n <= 20_000; n++) {
            feed.offer(event(n));
            if (n % 32 == 0) awaitDelivered(feed, n - 32);
        }
        feed.end();
        assertThat(feed.awaitClosed(Duration.ofSeconds(30))).isTrue();

        assertThat(feed.lost()).isZero();
        assertThat(heard).hasSize(20_000).isSorted();
    }

    private static void awaitDelivered(SubscriberFeed feed, long count) throws InterruptedException {
        while (feed.delivered() < count) Thread.sleep(1);
    }
}
