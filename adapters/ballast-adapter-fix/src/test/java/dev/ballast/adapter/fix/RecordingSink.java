package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.BrokerReport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** A sink that keeps everything it is given, and waits (up to a generous deadline) for what a test expects. */
final class RecordingSink implements BrokerReportSink {
    static final Duration DEADLINE = Duration.ofSeconds(15);

    final List<BrokerReport> reports = new CopyOnWriteArrayList<>();
    final List<BrokerConnectionChanged> connections = new CopyOnWriteArrayList<>();
    /** Whether the run's journal holds what it is given (false: a process about to die before it does). */
    volatile boolean recording = true;

    @Override
    public void whenRecorded(Runnable recorded) {
        if (recording) recorded.run();
    }

    @Override
    public void report(BrokerReport report) {
        reports.add(report);
    }

    @Override
    public void connectionChanged(BrokerConnectionChanged change) {
        connections.add(change);
    }

    <T extends BrokerReport> List<T> all(Class<T> type) {
        return reports.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The first report of {@code type} that matches, waiting for it. */
    <T extends BrokerReport> T await(Class<T> type, Predicate<T> matching) {
        awaitTrue(type.getSimpleName(), () -> all(type).stream().anyMatch(matching));
        return all(type).stream().filter(matching).findFirst().orElseThrow();
    }

    <T extends BrokerReport> T await(Class<T> type) {
        return await(type, report -> true);
    }

    void awaitConnected(boolean connected, int times) {
        awaitTrue((connected ? "logon" : "logout") + " #" + times,
                () -> connections.stream().filter(c -> c.connected() == connected).count() >= times);
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
