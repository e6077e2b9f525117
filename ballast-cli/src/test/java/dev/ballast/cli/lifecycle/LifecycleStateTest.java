package dev.ballast.cli.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static dev.ballast.cli.lifecycle.LifecycleState.BACKTESTED;
import static dev.ballast.cli.lifecycle.LifecycleState.CANDIDATE;
import static dev.ballast.cli.lifecycle.LifecycleState.LIVE;
import static dev.ballast.cli.lifecycle.LifecycleState.PAPER;
import static dev.ballast.cli.lifecycle.LifecycleState.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;

/** The transition table, every pair of states. */
class LifecycleStateTest {
    private static final Map<LifecycleState, Set<LifecycleState>> LEGAL = Map.of(
            CANDIDATE, Set.of(BACKTESTED, RETIRED),
            BACKTESTED, Set.of(PAPER, RETIRED),
            PAPER, Set.of(LIVE, RETIRED),
            LIVE, Set.of(RETIRED),
            RETIRED, Set.of());

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        int checked = 0;
        for (LifecycleState from : LifecycleState.values()) {
            for (LifecycleState to : LifecycleState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(LEGAL.get(from).contains(to));
                checked++;
            }
            assertThat(from.next()).isEqualTo(LEGAL.get(from));
        }
        assertThat(checked).isEqualTo(25);
    }

    @Test
    void refusalsSayWhatIsNeededFirst() {
        assertThat(CANDIDATE.refusal("x", PAPER)).isEqualTo("x is CANDIDATE; PAPER needs BACKTESTED first");
        assertThat(BACKTESTED.refusal("x", LIVE)).isEqualTo("x is BACKTESTED; LIVE needs PAPER first");
        assertThat(LIVE.refusal("x", BACKTESTED)).isEqualTo("x is LIVE; BACKTESTED needs CANDIDATE first");
        assertThat(RETIRED.refusal("x", PAPER)).isEqualTo("x is RETIRED; nothing leaves RETIRED");
        assertThat(PAPER.refusal("x", PAPER)).isEqualTo("x is already PAPER");
    }
}
