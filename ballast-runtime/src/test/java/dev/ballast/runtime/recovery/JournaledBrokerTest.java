package dev.ballast.runtime.recovery;

import dev.ballast.model.BracketRole;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.StopEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Write-ahead and the recovery gate between the engine and the broker. */
class JournaledBrokerTest {
    private static final StrategyId S = StrategyId.of("s");

    /** Records what reaches the venue, with how many journal records were stored at that moment. */
    static final class Venue implements BrokerageInterface {
        final List<String> calls = new CopyOnWriteArrayList<>();
        Gate store;

        @Override public void connect(BrokerReportSink sink) { }
        @Override public void submit(Order order) { calls.add("submit " + order.id() + " stored=" + stored()); }
        @Override public void cancel(ClientOrderId id) { calls.add("cancel " + id); }
        @Override public void modify(ClientOrderId id, Quantity q, Price l, Price s) { calls.add("modify " + id); }

        private int stored() {
            return store == null ? -1 : store.records.size();
        }
    }

    /** A store whose appends wait until {@link #open} is counted down, or fail when {@link #broken}. */
    static final class Gate implements JournalStore {
        final List<JournalRecord> records = new CopyOnWriteArrayList<>();
        final CountDownLatch open = new CountDownLatch(1);
        /** Counted down when the writer is inside {@link #append}, held there until {@link #open}. */
        final CountDownLatch appending = new CountDownLatch(1);
        volatile boolean broken;
        /** Batches appended: one fsync each under the live runs' default. */
        final AtomicInteger appends = new AtomicInteger();

        @Override
        public void append(List<JournalRecord> batch) {
            appends.incrementAndGet();
            appending.countDown();
            try {
                open.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (broken) throw new JournalException("No space left on device");
            records.addAll(batch);
        }

        @Override public Iterator<JournalRecord> read(long from) { return records.iterator(); }
        @Override public Optional<JournalRecord> last() { return records.isEmpty() ? Optional.empty() : Optional.of(records.getLast()); }
        @Override public void sync() { }
        @Override public void close() { }
    }

    private final SimulatedClock clock = new SimulatedClock(0);
    private final Venue venue = new Venue();
    private final Gate store = new Gate();
    private final RunJournal journal = new RunJournal(new JournalWriter(store, 1024, 64), store, false, null);
    private final List<BrokerReport> reports = new CopyOnWriteArrayList<>();

    private JournaledBroker gate(JournaledBroker.Phase phase, Duration timeout) {
        return gate(phase, timeout, true);
    }

    /** @param paper whether the venue is the paper venue (rebuilt by replay, called on the engine thread) */
    private JournaledBroker gate(JournaledBroker.Phase phase, Duration timeout, boolean paper) {
        venue.store = store;
        JournaledBroker gate = new JournaledBroker(venue, journal, clock, phase, timeout, paper);
        gate.connect(BrokerReportSink.reportsOnly(reports::add));
        return gate;
    }

    private static Order order(String id) {
        return Order.initialized(ClientOrderId.of(id), S, OrderRequest.market(Symbol.of("XYZ"), OrderSide.BUY,
                Quantity.ofUnits(1)), 0, BracketRole.NONE, null);
    }

    @Test
    void anOrderReachesTheBrokerOnlyAfterItsRecordIsDurable() throws Exception {
        JournaledBroker gate = gate(JournaledBroker.Phase.LIVE, Duration.ofSeconds(10));
        journal.accept(StopEngine.endOfData("the order's record", 0));
        Thread engine = Thread.ofPlatform().start(() -> gate.submit(order("s-1")));
        // Both sides at rest: the store holds the record's batch unstored, and the submitting thread has stopped
        // (waiting for durability, or done if it did not wait). No sleep: whatever it was going to send, it has sent.
        assertThat(store.appending.await(10, TimeUnit.SECONDS)).isTrue();
        awaitAtRest(engine);
        assertThat(venue.calls).as("the store has not stored the record yet").isEmpty();
        store.open.countDown();
        engine.join(10_000);
        assertThat(venue.calls).containsExactly("submit s-1 stored=1");
        journal.close();
    }

    /** Waits until {@code thread} is blocked in a wait or has ended. */
    private static void awaitAtRest(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Thread.State state;
        while ((state = thread.getState()) != Thread.State.WAITING && state != Thread.State.TIMED_WAITING
                && state != Thread.State.TERMINATED) {
            assertThat(System.nanoTime()).as("the thread never came to rest (" + state + ")").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void whenTheRecordCannotBeStoredTheOrderIsRejectedAndNeverSent() throws InterruptedException {
        store.broken = true;
        store.open.countDown();
        List<String> failures = new CopyOnWriteArrayList<>();
        journal.onFailure(failures::add);
        JournaledBroker gate = gate(JournaledBroker.Phase.LIVE, Duration.ofSeconds(10));
        journal.accept(StopEngine.endOfData("the order's record", 0));
        gate.submit(order("s-1"));
        gate.cancel(ClientOrderId.of("s-0"));
        assertThat(venue.calls).as("a cancel only takes risk off: it still goes").containsExactly("cancel s-0");
        assertThat(reports).singleElement().isInstanceOf(OrderRejected.class)
                .extracting(r -> ((OrderRejected) r).reason()).asString().contains("not sent");
        // The writer tells its listeners on its own thread, just after the waiting call learns of the failure.
        for (int i = 0; i < 1000 && failures.isEmpty(); i++) Thread.sleep(5);
        assertThat(failures).singleElement().asString().contains("No space left on device");
        journal.close();
    }

    @Test
    void aRecordThatIsNotDurableInTimeFailsTheJournal() {
        List<String> failures = new ArrayList<>();
        journal.onFailure(failures::add);
        JournaledBroker gate = gate(JournaledBroker.Phase.LIVE, Duration.ofMillis(50));
        journal.accept(StopEngine.endOfData("the order's record", 0));
        gate.submit(order("s-1"));
        assertThat(venue.calls).isEmpty();
        assertThat(reports).singleElement().isInstanceOf(OrderRejected.class);
        assertThat(failures).singleElement().asString().contains("not durable within");
        store.open.countDown();
        journal.close();
    }

    @Test
    void aLiveVenuesBurstGoesOutInOrderAfterItsRecordsWithoutTheEngineThreadWaiting() throws Exception {
        JournaledBroker gate = gate(JournaledBroker.Phase.LIVE, Duration.ofSeconds(10), false);
        // The engine thread handles a burst of ten orders, each journaled then passed to the gate, while the store
        // holds the first batch: it never waits.
        for (int i = 1; i <= 10; i++) {
            journal.accept(StopEngine.endOfData("order " + i + "'s record", 0));
            gate.submit(order("s-" + i));
            assertThat(gate.mayHaveSent(ClientOrderId.of("s-" + i))).as("queued: it may be sent any moment").isTrue();
        }
        gate.cancel(ClientOrderId.of("s-3"));
        assertThat(store.appending.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(venue.calls).as("nothing leaves before its record is durable").isEmpty();
        store.open.countDown();
        gate.close(); // lets what is queued go
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) expected.add("submit s-" + i);
        expected.add("cancel s-3");
        assertThat(venue.calls).extracting(call -> call.replaceAll(" stored=\\d+", "")).containsExactlyElementsOf(expected);
        for (int i = 0; i < 10; i++) {
            int stored = Integer.parseInt(venue.calls.get(i).replaceAll(".* stored=", ""));
            assertThat(stored).as(venue.calls.get(i) + ": its record was stored first").isGreaterThanOrEqualTo(i + 1);
        }
        // Group commit: the ten records were stored in at most two batches (the first one, held, and the rest).
        assertThat(store.appends.get()).isLessThanOrEqualTo(2);
        journal.close();
    }

    @Test
    void aLiveVenueCallWhoseRecordCannotBeStoredIsRejectedAndACancelStillGoes() throws InterruptedException {
        store.broken = true;
        store.open.countDown();
        JournaledBroker gate = gate(JournaledBroker.Phase.LIVE, Duration.ofSeconds(10), false);
        journal.accept(StopEngine.endOfData("the order's record", 0));
        gate.submit(order("s-1"));
        gate.modify(ClientOrderId.of("s-0"), Quantity.ofUnits(2), null, null);
        gate.cancel(ClientOrderId.of("s-0"));
        gate.close();
        assertThat(venue.calls).containsExactly("cancel s-0");
        assertThat(reports).extracting(r -> r.getClass().getSimpleName()).containsExactly("OrderRejected", "ReplaceRejected");
        assertThat(reports).allSatisfy(r -> assertThat(r.toString()).contains("could not be made durable"));
        journal.close();
    }

    @Test
    void afterARestartCallsAreHeldUntilReconciledAndKnownOrdersAreNeverSentAgain() {
        store.open.countDown();
        JournaledBroker gate = gate(JournaledBroker.Phase.REPLAYING, Duration.ofSeconds(10));
        gate.submit(order("s-1")); // the replay rebuilds the paper venue
        gate.hold();
        gate.submit(order("s-2")); // reached the venue before the crash
        gate.submit(order("s-3")); // never did
        assertThat(gate.heldOrders()).containsExactlyInAnyOrder(ClientOrderId.of("s-2"), ClientOrderId.of("s-3"));
        assertThat(venue.calls).containsExactly("submit s-1 stored=0");
        gate.release(new BrokerState(Map.of(), Map.of(), Set.of(ClientOrderId.of("s-1"), ClientOrderId.of("s-2"))));
        // s-2 goes to the paper venue's rebuild, s-3 is sent for the first time; in the order they were held.
        assertThat(venue.calls).containsExactly("submit s-1 stored=0", "submit s-2 stored=0", "submit s-3 stored=0");
        gate.submit(order("s-2"));
        assertThat(venue.calls).hasSize(3);
        assertThat(gate.notSentTwice()).isEqualTo(1);
        journal.close();
    }

    @Test
    void whenReconciliationFailsWhatWasHeldIsRejectedNotSent() {
        store.open.countDown();
        JournaledBroker gate = gate(JournaledBroker.Phase.REPLAYING, Duration.ofSeconds(10));
        gate.hold();
        gate.submit(order("s-3"));
        gate.refuseHeld("reconciliation with the broker failed");
        assertThat(venue.calls).isEmpty();
        assertThat(reports).singleElement().isInstanceOf(OrderRejected.class);
        journal.close();
    }

    @Test
    void aHeldOrderCanceledByTheHaltIsRefusedAsCanceledAndItsCancelIsNotSent() {
        store.open.countDown();
        JournaledBroker gate = gate(JournaledBroker.Phase.REPLAYING, Duration.ofSeconds(10), false);
        gate.hold();
        gate.submit(order("s-3"));
        gate.cancel(ClientOrderId.of("s-3")); // the halt cancels every open order, this one held back too
        gate.refuseHeld("reconciliation with the broker failed");

        assertThat(venue.calls).isEmpty();
        assertThat(reports).singleElement().isInstanceOf(OrderCanceled.class);
        journal.close();
    }

    @Test
    void aCancelOfAnOrderClosedAsNeverSentIsAnsweredHereAndNeverSent() throws Exception {
        store.open.countDown();
        JournaledBroker gate = gate(JournaledBroker.Phase.LIVE, Duration.ofSeconds(10), false);
        Order order = order("s-4").withStatus(OrderStatus.SUBMITTED, 0);
        gate.closeNeverSent(order);
        // The engine cancels it before it took the close (still SUBMITTED in its books).
        gate.cancel(order.id());
        gate.close(); // lets anything queued for the venue go

        assertThat(venue.calls).isEmpty();
        assertThat(reports).extracting(report -> report.getClass().getSimpleName())
                .containsExactly("OrderRejected", "OrderCanceled");
        journal.close();
    }
}
