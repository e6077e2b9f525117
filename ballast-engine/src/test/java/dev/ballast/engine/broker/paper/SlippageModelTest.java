package dev.ballast.engine.broker.paper;

import dev.ballast.model.AssetClass;
import dev.ballast.model.Instrument;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlippageModelTest {
    private static final Instrument CENTS = Instrument.equity(Symbol.of("AAPL"), "USD");
    private static final Instrument QUARTERS = new Instrument(Symbol.of("ES"), AssetClass.FUTURE, "USD",
            Price.of("0.25"), Quantity.ofUnits(1), 50);
    private final SplittableRandom random = new SplittableRandom(1);

    private static Price apply(SlippageModel model, Instrument instrument, OrderSide side, String price, long qty,
                               Long volume, SplittableRandom random) {
        return model.apply(instrument, side, Price.of(price), Quantity.ofUnits(qty),
                volume == null ? null : Quantity.ofUnits(volume), random);
    }

    @Test
    void noneLeavesThePriceAloneEvenOffTick() {
        assertThat(apply(SlippageModel.none(), CENTS, OrderSide.BUY, "100.005", 10, 100L, random))
                .isEqualTo(Price.of("100.005"));
    }

    @Test
    void fixedBpsRoundsToTheTickAgainstTheTaker() {
        SlippageModel model = SlippageModel.fixedBps(1);
        // 5000.00 * 1 bp = 0.50 -> 5000.50 -> up to the 0.25 tick: 5000.50 (exact); 5000.25 -> 5000.750025 -> 5001.00.
        assertThat(apply(model, QUARTERS, OrderSide.BUY, "5000.00", 1, null, random)).isEqualTo(Price.of("5000.50"));
        assertThat(apply(model, QUARTERS, OrderSide.BUY, "5000.25", 1, null, random)).isEqualTo(Price.of("5001.00"));
        // 5000.25 - 0.500025 = 4999.749975 -> down to 4999.50.
        assertThat(apply(model, QUARTERS, OrderSide.SELL, "5000.25", 1, null, random)).isEqualTo(Price.of("4999.50"));
    }

    @Test
    void fixedBpsNeverRoundsAnExactlyOnTickResultAway() {
        assertThat(apply(SlippageModel.fixedBps(10), CENTS, OrderSide.BUY, "100.00", 1, null, random))
                .isEqualTo(Price.of("100.10"));
        assertThat(apply(SlippageModel.fixedBps(0), CENTS, OrderSide.SELL, "100.00", 1, null, random))
                .isEqualTo(Price.of("100.00"));
    }

    @Test
    void squareRootImpactUsesTheSquareRootOfParticipation() {
        SlippageModel model = SlippageModel.volumeImpact(1, 100, SlippageModel.Shape.SQUARE_ROOT);
        // participation 250/1000 = 0.25 -> sqrt 0.5 -> 1 + 50 = 51 bp; 100.00 * 1.0051 = 100.51.
        assertThat(apply(model, CENTS, OrderSide.BUY, "100.00", 250, 1000L, random)).isEqualTo(Price.of("100.51"));
        assertThat(apply(model, CENTS, OrderSide.SELL, "100.00", 250, 1000L, random)).isEqualTo(Price.of("99.49"));
    }

    @Test
    void volumeImpactWithoutVolumeChargesTheBaseOnly() {
        SlippageModel model = SlippageModel.volumeImpact(10, 1000, SlippageModel.Shape.LINEAR);
        assertThat(apply(model, CENTS, OrderSide.BUY, "100.00", 250, null, random)).isEqualTo(Price.of("100.10"));
        assertThat(apply(model, CENTS, OrderSide.BUY, "100.00", 250, 0L, random)).isEqualTo(Price.of("100.10"));
    }

    @Test
    void randomBpsStaysWithinBoundsAndRepeatsPerSeed() {
        SlippageModel model = SlippageModel.randomBps(20);
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int i = 0; i < 1000; i++) {
            Price p = apply(model, CENTS, OrderSide.BUY, "100.00", 1, null, a);
            assertThat(p).isBetween(Price.of("100.00"), Price.of("100.20"));
            assertThat(apply(model, CENTS, OrderSide.BUY, "100.00", 1, null, b)).isEqualTo(p);
        }
    }

    @Test
    void rejectsNegativeOrNonFiniteBps() {
        assertThatThrownBy(() -> SlippageModel.fixedBps(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlippageModel.randomBps(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlippageModel.volumeImpact(1, 1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
