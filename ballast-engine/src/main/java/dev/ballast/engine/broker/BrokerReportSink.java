package dev.ballast.engine.broker;

import dev.ballast.model.event.BrokerReport;

/**
 * Where a broker adapter delivers its reports. The engine applies a report when engine time reaches
 * its timestamp, so a simulated broker models latency by stamping reports in the future.
 * Implementations given to adapters are safe to call from any thread.
 */
@FunctionalInterface
public interface BrokerReportSink {
    void report(BrokerReport report);
}
