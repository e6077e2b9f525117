package dev.ballast.engine.broker;

import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.BrokerReport;

import java.util.function.Consumer;

/**
 * Where a broker adapter delivers what its venue says: reports about orders, and the state of its connection. The
 * engine applies a report when engine time reaches its timestamp, so a simulated broker models latency by stamping
 * reports in the future. Implementations given to adapters are safe to call from any thread.
 */
public interface BrokerReportSink {
    /** A report about an order (accepted, filled, canceled...). */
    void report(BrokerReport report);

    /**
     * The adapter lost or regained its connection to the venue. While it is down the engine cannot know what its
     * orders do: the account halts (fail closed) until an operator resumes it, after a reconciliation.
     */
    void connectionChanged(BrokerConnectionChanged change);

    /**
     * Runs {@code recorded} once every report this sink has been given so far is durable in the run's journal; at once
     * when the run keeps no journal. An adapter whose venue sends again what it does not count as received (a FIX
     * session's resend) counts a message received only then, so that a crash between a report's receipt and its
     * journal record loses nothing. {@code recorded} may run on any thread; it never runs for a report the journal
     * could not make durable.
     */
    default void whenRecorded(Runnable recorded) {
        recorded.run();
    }

    /** A sink that takes reports and has no use for connection changes (a simulated venue's tests). */
    static BrokerReportSink reportsOnly(Consumer<BrokerReport> reports) {
        return new BrokerReportSink() {
            @Override
            public void report(BrokerReport report) {
                reports.accept(report);
            }

            @Override
            public void connectionChanged(BrokerConnectionChanged change) {
            }
        };
    }
}
