package dev.ballast.cli;

import dev.ballast.model.Money;
import dev.ballast.runtime.RunSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live run's status line: the venue's connection, positions, P&L, open orders, events. */
class LiveStatusLineTest {
    @Test
    void theLineSaysWhetherTheVenueIsConnectedAndTheAccountsFigures() {
        RunSnapshot.Account account = new RunSnapshot.Account(Money.of("100000"), Money.of("99000"), Money.of("100250.5"),
                Money.of("200"), Money.of("50.5"), Money.of("3"), Money.ZERO, Money.ZERO);
        RunSnapshot disconnected = new RunSnapshot(0, 12_345, false, account, Map.of(), List.of(), List.of(), null,
                List.of(), null, new RunSnapshot.VenueStatus("fix", false));

        assertThat(LiveStatusLine.line(disconnected))
                .isEqualTo("  fix DISCONNECTED | 0 positions | P&L 250.50 | 0 open orders | 12,345 events");
    }
}
