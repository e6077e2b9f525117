package dev.ballast.runtime.recovery;

import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.Fill;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S = StrategyId.of("s");

    private static Fill fill(String order, String tradeId, String quantity) {
        return new Fill(ClientOrderId.of(order), tradeId, XYZ, OrderSide.BUY, Quantity.of(quantity), Price.of("10"),
                Money.ZERO, 1);
    }

    private static PortfolioManager holding(Fill... fills) {
        PortfolioManager portfolio = new PortfolioManager(Money.ofUnits(100_000),
                List.of(Instrument.equity(XYZ, "USD")));
        portfolio.addStrategy(S);
        for (Fill f : fills) portfolio.book(f, S);
        return portfolio;
    }

    @Test
    void aFillTheVenueSendsAgainAfterTheEngineBookedItIsNotCountedTwice() {
        // After a restart the session was set back a little: the venue sends again a fill the journal already holds.
        Fill booked = fill("s-1", "VENUE-e1", "100");
        PortfolioManager portfolio = holding(booked);
        List<BrokerReport> inFlight = Reconciliation.notYetBooked(List.of(booked, fill("s-2", "VENUE-e2", "50"),
                fill("s-2", "VENUE-e2", "50")), f -> f.tradeId().equals(booked.tradeId()));

        assertThat(inFlight).extracting(r -> ((Fill) r).tradeId()).containsExactly("VENUE-e2");
        List<String> differences = Reconciliation.differences(List.of(), Set.of(), portfolio, inFlight,
                new BrokerState(Map.of(), Map.of(XYZ, Quantity.of("150")), Set.of()), id -> true);
        assertThat(differences).isEmpty();
    }

    @Test
    void anOrderWorkingAtTheVenueThatThisRunNeverSentIsNamedExternal() {
        List<String> differences = Reconciliation.differences(List.of(), Set.of(), holding(), List.of(),
                new BrokerState(Map.of(ClientOrderId.of("manual-7"), Quantity.of("5")), Map.of(), Set.of()),
                id -> false);
        assertThat(differences).containsExactly("order manual-7 is working at the broker (5 open) and was never sent by "
                + "this run: an external order (cancel it at the venue, or trade another account)");
    }

    @Test
    void countedTwiceThePositionsWouldDiffer() {
        Fill booked = fill("s-1", "VENUE-e1", "100");
        List<String> differences = Reconciliation.differences(List.of(), Set.of(), holding(booked), List.of(booked),
                new BrokerState(Map.of(), Map.of(XYZ, Quantity.of("100")), Set.of()), id -> true);
        assertThat(differences).containsExactly("position XYZ: 200 in the engine, 100 at the broker");
    }
}
