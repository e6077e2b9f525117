package dev.ballast.adapter.alpaca;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a recovery of missed fills starts reading: from before the stream was lost, until a recovery succeeds. */
class ExecutionLedgerTest {
    private static final Instant T1 = Instant.parse("2026-01-05T15:00:00Z");
    private static final Instant T2 = T1.plusSeconds(10);
    private static final Instant T3 = T1.plusSeconds(20);

    @Test
    void beforeAnyFillARecoveryReadsFromTheRunsStart() {
        assertThat(new ExecutionLedger().takeRecoveryStart()).isEmpty();
    }

    @Test
    void fillsReportedAfterTheStreamWasLostDoNotMoveTheRecoveryPastTheGap() {
        ExecutionLedger ledger = new ExecutionLedger();
        ledger.filledAt(T1);
        ledger.streamLost();
        ledger.filledAt(T2); // on the new stream, before the state is asked for

        assertThat(ledger.takeRecoveryStart()).contains(T1);
        assertThat(ledger.takeRecoveryStart()).as("the gap was read: from the latest fill on").contains(T2);
    }

    @Test
    void aSecondLossBeforeTheRecoveryKeepsTheEarlierStart() {
        ExecutionLedger ledger = new ExecutionLedger();
        ledger.filledAt(T1);
        ledger.streamLost();
        ledger.filledAt(T2);
        ledger.streamLost();

        assertThat(ledger.takeRecoveryStart()).contains(T1);
    }

    @Test
    void aRecoveryThatFailedIsReadAgainFromWhereItStarted() {
        ExecutionLedger ledger = new ExecutionLedger();
        ledger.filledAt(T1);
        ledger.streamLost();
        Optional<Instant> from = ledger.takeRecoveryStart();
        ledger.filledAt(T3);
        ledger.recoveryFailed(from);

        assertThat(ledger.takeRecoveryStart()).contains(T1);
    }

    @Test
    void aRecoveryFromTheRunsStartThatFailedStaysFromTheRunsStart() {
        ExecutionLedger ledger = new ExecutionLedger();
        ledger.streamLost();
        Optional<Instant> from = ledger.takeRecoveryStart();
        ledger.filledAt(T2);
        ledger.streamLost();
        ledger.recoveryFailed(from);

        assertThat(ledger.takeRecoveryStart()).isEmpty();
    }
}
