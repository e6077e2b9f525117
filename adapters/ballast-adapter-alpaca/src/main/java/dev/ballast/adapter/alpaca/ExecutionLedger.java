package dev.ballast.adapter.alpaca;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The executions reported in this process, by Alpaca's {@code execution_id}: each is reported once, ever, whether it
 * came on the stream, again on the stream (Alpaca repeats events), or from the fill activities read after a
 * reconnect. Also where the next recovery starts reading: the latest fill reported before the stream was lost.
 * Thread-safe.
 */
final class ExecutionLedger {
    private final Set<String> executions = new HashSet<>();
    private final Set<String> amendments = new HashSet<>();
    private Instant lastFillTime;
    /** Whether the stream was lost since the last recovery read the fills: they may be missing from {@link #gapFrom}. */
    private boolean gap;
    /** The latest fill reported when the stream was lost (null: none yet, the run's start). */
    private Instant gapFrom;

    /** True (and remembered) the first time this execution is seen. */
    synchronized boolean firstSight(String executionId) {
        return executions.add(executionId);
    }

    /** Executions an earlier process of the run reported and the journal holds: seen, not to be reported again. */
    synchronized void alreadyReported(Collection<String> executionIds) {
        executions.addAll(executionIds);
    }

    /** True (and remembered) the first time this correction or bust is seen. */
    synchronized boolean firstAmendment(String amendmentId) {
        return amendments.add(amendmentId);
    }

    synchronized void filledAt(Instant time) {
        if (time != null && (lastFillTime == null || time.isAfter(lastFillTime))) lastFillTime = time;
    }

    /**
     * The stream was lost: fills after the latest one reported may be missing until a recovery reads them. An earlier
     * loss not yet recovered starts earlier and stands.
     */
    synchronized void streamLost() {
        if (gap) return;
        gap = true;
        gapFrom = lastFillTime;
    }

    /**
     * Where a recovery must read the fills from, taken by it: the latest fill reported before the earliest loss of
     * the stream not yet recovered, else the latest fill reported; empty: from the run's start. Not the latest fill
     * now: once the stream is back, its new fills move that past the fills missed while it was down. A recovery that
     * fails gives it back ({@link #recoveryFailed}).
     */
    synchronized Optional<Instant> takeRecoveryStart() {
        Instant from = gap ? gapFrom : lastFillTime;
        gap = false;
        gapFrom = null;
        return Optional.ofNullable(from);
    }

    /** A recovery that read from {@code from} failed: the fills since then may still be missing. */
    synchronized void recoveryFailed(Optional<Instant> from) {
        Instant start = from.orElse(null);
        // The earlier of the two starts (null, the run's start, is the earliest).
        if (!gap || start == null || gapFrom != null && start.isBefore(gapFrom)) gapFrom = start;
        gap = true;
    }
}
