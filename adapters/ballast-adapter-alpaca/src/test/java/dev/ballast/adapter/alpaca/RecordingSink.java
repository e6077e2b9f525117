package dev.ballast.adapter.alpaca;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.BrokerReport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A sink that keeps what the adapter reports, and waits for it with a generous deadline. Thread-safe. */
final class RecordingSink implements BrokerReportSink {
    static final Duration DEADLINE = Duration.ofSeconds(15);

    private final List<BrokerReport> reports = new CopyOnWriteArrayList<>();
    private final List<BrokerConnectionChanged> connections = new CopyOnWriteArrayList<>();
    private volatile boolean withholdReceipts;

    @Override
    public void report(BrokerReport report) {
        reports.add(report);
    }

    /** Receipts run at once (the journal holds everything), unless {@link #withholdReceipts} was called. */
    @Override
    public void whenRecorded(Runnable recorded) {
        if (!withholdReceipts) recorded.run();
    }

    /** From now on the journal never holds what is reported (a process killed before its journal caught up). */
    void withholdReceipts() {
        withholdReceipts = true;
    }

    @Override
    public void connectionChanged(BrokerConnectionChanged change) {
        connections.add(change);
    }

    List<BrokerReport> reports() {
        return List.copyOf(reports);
    }

    List<BrokerConnectionChanged> connections() {
        return List.copyOf(connections);
    }

    <T extends BrokerReport> List<T> reports(Class<T> type) {
        return reports.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until the first report of this type that matches, and returns it. */
    <T extends BrokerReport> T await(Class<T> type, Predicate<T> matching) {
        awaitCondition("a " + type.getSimpleName(), () -> reports(type).stream().anyMatch(matching));
        return reports(type).stream().filter(matching).findFirst().orElseThrow();
    }

    <T extends BrokerReport> T await(Class<T> type) {
        return await(type, report -> true);
    }

    void awaitConnections(int count) {
        awaitCondition(count + " connection changes", () -> connections.size() >= count);
    }

    static void awaitCondition(String what, Condition condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                if (condition.holds()) return;
            } catch (Exception e) {
                throw new AssertionError("checking for " + what + " failed", e);
            }
            if (System.nanoTime() > deadline) throw new AssertionError("no " + what + " within " + DEADLINE);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }
}
