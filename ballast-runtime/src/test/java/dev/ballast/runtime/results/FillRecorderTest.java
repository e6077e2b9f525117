package dev.ballast.runtime.results;

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

import static org.assertj.core.api.Assertions.assertThat;

/** The fills file lists the fills standing at the end of a run, so that it adds up to the books. */
class FillRecorderTest {
    private static final StrategyId S = StrategyId.of("s");

    private static Fill fill(String tradeId, String quantity, String price) {
        return new Fill(ClientOrderId.of("s-1"), tradeId, Symbol.of("XYZ"), OrderSide.BUY, Quantity.of(quantity),
                Price.of(price), Money.of("1"), 10);
    }

    @Test
    void aCorrectedFillKeepsItsRowWithTheCorrectedFiguresAndABustedOneIsLeftOut() {
        FillRecorder recorder = new FillRecorder();
        Fill first = fill("T-1", "10", "100");
        Fill second = fill("T-2", "5", "101");
        Fill third = fill("T-3", "1", "102");
        recorder.on(new FillBooked(first, S, 10));
        recorder.on(new FillBooked(second, S, 11));
        recorder.on(new FillBooked(third, S, 12));
        Fill corrected = fill("T-1", "8", "99.5");
        recorder.on(new FillCorrectionBooked(first, corrected, "C-1", S, 20));
        recorder.on(new FillBustBooked(second, "B-1", S, 21));

        assertThat(recorder.fills()).containsExactly(new FillBooked(corrected, S, 10), new FillBooked(third, S, 12));
    }
}
