package dev.ballast.runtime;

import dev.ballast.engine.EngineFixtures;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine tap keeps for snapshots. */
class EngineTapTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S = StrategyId.of("s");

    private static Fill fill(String tradeId, String quantity) {
        return new Fill(ClientOrderId.of("s-1"), tradeId, XYZ, OrderSide.BUY, Quantity.of(quantity), Price.of("10"),
                Money.of("1"), 5);
    }

    @Test
    void theRecentFillsOfASnapshotAreTheStandingOnesCorrectedInPlace() {
        try (TradingEngine engine = EngineFixtures.backtest(Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                EngineFixtures.frictionless(), RiskLimits.defaults(), IsolationPolicy.defaults(), List.of())) {
            EngineTap tap = new EngineTap(engine, null, new CopyOnWriteArrayList<>(), new HashMap<>(),
                    () -> RunSnapshot.VenueStatus.PAPER);
            Fill first = fill("T-1", "10");
            Fill second = fill("T-2", "5");
            Fill third = fill("T-3", "1");
            tap.on(new FillBooked(first, S, 5));
            tap.on(new FillBooked(second, S, 6));
            tap.on(new FillBooked(third, S, 7));
            Fill corrected = fill("T-2", "4");
            tap.on(new FillCorrectionBooked(second, corrected, "C-1", S, 8));
            tap.on(new FillBustBooked(first, "B-1", S, 9));

            assertThat(tap.snapshot(false).recentFills())
                    .containsExactly(new FillBooked(corrected, S, 6), new FillBooked(third, S, 7));
        }
    }
}
