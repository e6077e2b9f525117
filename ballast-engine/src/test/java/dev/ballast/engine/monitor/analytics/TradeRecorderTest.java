package dev.ballast.engine.monitor.analytics;

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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FIFO matching of fills into closed trades: partial closes, flips, fees pro rata, strategies apart. */
class TradeRecorderTest {
    private static final Symbol X = Symbol.of("X");
    private static final StrategyId A = StrategyId.of("a");
    private static final StrategyId B = StrategyId.of("b");
    private final TradeRecorder recorder = new TradeRecorder();
    private int sequence;

    private void fill(StrategyId strategy, OrderSide side, String quantity, String price, String fee, long time) {
        Fill fill = new Fill(ClientOrderId.of("o" + sequence), "t" + sequence++, X, side, Quantity.of(quantity),
                Price.of(price), Money.of(fee), time);
        recorder.on(new FillBooked(fill, strategy, time));
    }

    @Test
    void partialCloseFlipAndCover() {
        fill(A, OrderSide.BUY, "10", "100", "1", 1);
        fill(A, OrderSide.BUY, "10", "110", "2", 2);
        // Sell 15 @ 120: closes lot 1 (10 @ 100) and 5 of lot 2 (@ 110).
        //   entry average (1000 + 550) / 15 = 103.33333333; gross 15 x 120 - 1550 = 250
        //   fees: lot 1 all 1 + lot 2 half of 2 = 1 + the sell's 3 = 5; P&L 245
        fill(A, OrderSide.SELL, "15", "120", "3", 3);
        // Sell 10 @ 90: closes the last 5 of lot 2 and flips short 5.
        //   gross 5 x 90 - 5 x 110 = -100; fees: lot 2's remaining 1 + half of this fill's 2 = 2; P&L -102
        fill(A, OrderSide.SELL, "10", "90", "2", 4);
        // Buy 5 @ 80 covers the short 5 @ 90: gross -(400 - 450) = +50; fees 1 (rest of the flip fill) + 1 = 2; P&L 48
        fill(A, OrderSide.BUY, "5", "80", "1", 5);

        List<ClosedTrade> trades = recorder.trades();
        assertThat(trades).hasSize(3);
        ClosedTrade first = trades.get(0);
        assertThat(first.direction()).isEqualTo(ClosedTrade.Direction.LONG);
        assertThat(first.quantity()).isEqualTo(Quantity.of("15"));
        assertThat(first.entryTime()).isEqualTo(1);
        assertThat(first.exitTime()).isEqualTo(3);
        assertThat(first.averageEntryPrice()).isEqualTo(Price.of("103.33333333"));
        assertThat(first.averageExitPrice()).isEqualTo(Price.of("120"));
        assertThat(first.grossPnl()).isEqualTo(Money.of("250"));
        assertThat(first.fees()).isEqualTo(Money.of("5"));
        assertThat(first.pnl()).isEqualTo(Money.of("245"));

        ClosedTrade second = trades.get(1);
        assertThat(second.direction()).isEqualTo(ClosedTrade.Direction.LONG);
        assertThat(second.quantity()).isEqualTo(Quantity.of("5"));
        assertThat(second.entryTime()).isEqualTo(2);
        assertThat(second.averageEntryPrice()).isEqualTo(Price.of("110"));
        assertThat(second.pnl()).isEqualTo(Money.of("-102"));
        assertThat(second.fees()).isEqualTo(Money.of("2"));

        ClosedTrade third = trades.get(2);
        assertThat(third.direction()).isEqualTo(ClosedTrade.Direction.SHORT);
        assertThat(third.quantity()).isEqualTo(Quantity.of("5"));
        assertThat(third.entryTime()).isEqualTo(4);
        assertThat(third.averageEntryPrice()).isEqualTo(Price.of("90"));
        assertThat(third.averageExitPrice()).isEqualTo(Price.of("80"));
        assertThat(third.grossPnl()).isEqualTo(Money.of("50"));
        assertThat(third.pnl()).isEqualTo(Money.of("48"));

        // Every commission is in exactly one trade: 1 + 2 + 3 + 2 + 1 = 9 = 5 + 2 + 2
        assertThat(recorder.fees(A)).isEqualTo(Money.of("9"));
        // Traded notional: 1000 + 1100 + 1800 + 900 + 400 = 5200
        assertThat(recorder.tradedNotional(A)).isEqualTo(Money.of("5200"));
        assertThat(recorder.openSince(A)).isEmpty();
    }

    @Test
    void feeSplitsAddUpExactly() {
        // A 0.01 fee over 3 lots of 1: 0.01 x 1/3 = 0.00333333; 0.00666667 x 1/2 = 0.003333335 -> 0.00333334
        // (half-even); the rest 0.00333333. Sum 0.01 exactly.
        fill(A, OrderSide.BUY, "3", "10", "0.01", 1);
        fill(A, OrderSide.SELL, "1", "10", "0", 2);
        fill(A, OrderSide.SELL, "1", "10", "0", 3);
        fill(A, OrderSide.SELL, "1", "10", "0", 4);
        Money total = Money.ZERO;
        for (ClosedTrade trade : recorder.trades()) total = total.plus(trade.fees());
        assertThat(recorder.trades()).extracting(ClosedTrade::fees)
                .containsExactly(Money.of("0.00333333"), Money.of("0.00333334"), Money.of("0.00333333"));
        assertThat(total).isEqualTo(Money.of("0.01"));
    }

    @Test
    void strategiesAreMatchedApartAndOpenPositionsReported() {
        fill(A, OrderSide.BUY, "10", "100", "0", 1);
        // B's sell does not close A's long: it opens a short of B's own.
        fill(B, OrderSide.SELL, "10", "101", "0", 2);
        assertThat(recorder.trades()).isEmpty();
        assertThat(recorder.openSince(A)).containsExactly(1L);
        assertThat(recorder.openSince(B)).containsExactly(2L);
        fill(A, OrderSide.SELL, "4", "105", "0", 3);
        // Partial close of A: 4 x (105 - 100) = 20; 6 still open since time 1
        assertThat(recorder.trades(A)).singleElement().satisfies(t -> {
            assertThat(t.pnl()).isEqualTo(Money.of("20"));
            assertThat(t.quantity()).isEqualTo(Quantity.of("4"));
        });
        assertThat(recorder.openSince(A)).containsExactly(1L);
        assertThat(recorder.trades(B)).isEmpty();
    }

    @Test
    void multiplierScalesThePnl() {
        TradeRecorder futures = new TradeRecorder(symbol -> 50);
        futures.onFill(A, new Fill(ClientOrderId.of("f1"), "f1", X, OrderSide.SELL, Quantity.of("2"), Price.of("4000"),
                Money.of("4"), 1));
        futures.onFill(A, new Fill(ClientOrderId.of("f2"), "f2", X, OrderSide.BUY, Quantity.of("2"), Price.of("3990.25"),
                Money.of("4"), 2));
        // Short 2 x (4000 - 3990.25) x 50 = 975; fees 8; P&L 967
        assertThat(futures.trades()).singleElement().satisfies(t -> {
            assertThat(t.direction()).isEqualTo(ClosedTrade.Direction.SHORT);
            assertThat(t.grossPnl()).isEqualTo(Money.of("975"));
            assertThat(t.pnl()).isEqualTo(Money.of("967"));
        });
    }

    @Test
    void aBustedOrCorrectedFillRebuildsTheTradesAsIfOnlyTheStandingFillsHadBeenBooked() {
        Fill buy = new Fill(ClientOrderId.of("o1"), "T-1", X, OrderSide.BUY, Quantity.of("10"), Price.of("100"), Money.of("1"), 1);
        Fill sell = new Fill(ClientOrderId.of("o2"), "T-2", X, OrderSide.SELL, Quantity.of("10"), Price.of("120"), Money.of("1"), 2);
        Fill buyAgain = new Fill(ClientOrderId.of("o3"), "T-3", X, OrderSide.BUY, Quantity.of("4"), Price.of("90"), Money.of("1"), 3);
        recorder.on(new FillBooked(buy, A, 1));
        recorder.on(new FillBooked(sell, A, 2));
        recorder.on(new FillBooked(buyAgain, A, 3));
        assertThat(recorder.trades()).hasSize(1);

        Fill corrected = new Fill(ClientOrderId.of("o1"), "T-1", X, OrderSide.BUY, Quantity.of("6"), Price.of("101"), Money.of("2"), 1);
        recorder.on(new FillCorrectionBooked(buy, corrected, "C-1", A, 10));
        recorder.on(new FillBustBooked(buyAgain, "B-1", A, 11));

        TradeRecorder fromScratch = new TradeRecorder();
        fromScratch.on(new FillBooked(corrected, A, 1));
        fromScratch.on(new FillBooked(sell, A, 2));
        assertThat(recorder.trades()).isEqualTo(fromScratch.trades());
        assertThat(recorder.openSince(null)).isEqualTo(fromScratch.openSince(null));
        assertThat(recorder.fees(A)).isEqualTo(Money.of("3"));
        assertThat(recorder.tradedNotional(A)).isEqualTo(fromScratch.tradedNotional(A));
        // Closed 6 long (101 -> 120), then short 4 at 120 still open.
        assertThat(recorder.trades()).singleElement().satisfies(t -> {
            assertThat(t.quantity()).isEqualTo(Quantity.of("6"));
            assertThat(t.grossPnl()).isEqualTo(Money.of("114"));
        });
    }
}
