package dev.ballast.adapter.alpaca;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The executions reported in this process, by Alpaca's {@code execution_id}: each is reported once, ever, whether it
 * came on the stream, again on the stream (Alpaca repeats events), or from the fill activities read after a
 * reconnect. Also the time of the latest fill reported, where the next recovery starts reading. Thread-safe.
 */
final class ExecutionLedger {
    private final Set<String> executions = new HashSet<>();
    private final Set<String> amendments = new HashSet<>();
    private Instant lastFillTime;

    /** True (and remembered) the first time this execution is seen. */
    synchronized boolean firstSight(String executionId) {
        return executions.add(executionId);
    }

    /** True (and remembered) the first time this correction or bust is seen. */
    synchronized boolean firstAmendment(String amendmentId) {
        return amendments.add(amendmentId);
    }

    synchronized void filledAt(Instant time) {
        if (time != null && (lastFillTime == null || time.isAfter(lastFillTime))) lastFillTime = time;
    }

    /** The time of the latest fill reported, or {@code null} before the first. */
    synchronized Instant lastFillTime() {
        return lastFillTime;
    }
}
