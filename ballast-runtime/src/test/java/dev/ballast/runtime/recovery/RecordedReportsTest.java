package dev.ballast.runtime.recovery;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A live venue's message counts as received only once the journal holds what it said durably. */
class RecordedReportsTest {
    private final JournaledBrokerTest.Gate store = new JournaledBrokerTest.Gate();
    private final RunJournal journal = new RunJournal(new JournalWriter(store, 1024, 64), store, false, null);
    private final List<BrokerReport> toEngine = new CopyOnWriteArrayList<>();
    private final RecordedReports recorded = new RecordedReports(BrokerReportSink.reportsOnly(toEngine::add), journal,
            Duration.ofSeconds(10));

    RecordedReportsTest() {
        journal.onInputRecorded(recorded::journaled);
    }

    @Test
    void aReceiptWaitsUntilTheEngineJournaledTheReportAndTheRecordIsDurable() throws Exception {
        OrderAccepted accepted = new OrderAccepted(ClientOrderId.of("sma-1"), "V-1", 5);
        CountDownLatch receipt = new CountDownLatch(1);

        recorded.report(accepted);
        recorded.whenRecorded(receipt::countDown);

        assertThat(toEngine).as("the engine has it at once").containsExactly(accepted);
        assertThat(receipt.getCount()).as("not journaled yet: not received").isEqualTo(1);
        journal.accept(accepted); // the engine handles it
        assertThat(store.appending.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(receipt.getCount()).as("journaled, not yet durable: the store still writes it").isEqualTo(1);
        store.open.countDown();
        assertThat(receipt.await(10, TimeUnit.SECONDS)).as("durable: received").isTrue();
    }

    @Test
    void receiptsComeInTheOrderTheyWereAskedEachAfterItsReports() throws Exception {
        store.open.countDown();
        OrderAccepted first = new OrderAccepted(ClientOrderId.of("sma-1"), "V-1", 5);
        OrderCanceled second = new OrderCanceled(ClientOrderId.of("sma-1"), "by request", 6);
        List<String> receipts = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);

        recorded.report(first);
        recorded.whenRecorded(() -> {
            receipts.add("first");
            both.countDown();
        });
        recorded.report(second);
        recorded.whenRecorded(() -> {
            receipts.add("second");
            both.countDown();
        });
        journal.accept(first);
        journal.accept(second);

        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(receipts).containsExactly("first", "second");
    }

    @Test
    void withNothingHandedOverAReceiptIsImmediate() {
        List<String> receipts = new CopyOnWriteArrayList<>();

        recorded.whenRecorded(() -> receipts.add("nothing to wait for"));

        assertThat(receipts).containsExactly("nothing to wait for");
    }
}
