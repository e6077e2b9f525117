package dev.ballast.runtime.recovery;

import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The final portfolio rebuilt from a journal's fills and run-end marks, checked to the last unit. */
class PortfolioReplayTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S = StrategyId.of("s");
    private static final List<Instrument> INSTRUMENTS = List.of(Instrument.equity(XYZ, "USD"));

    private static List<JournalRecord> journal(RunJournal.RunFinished finished, Fill... fills) {
        List<Record> events = new ArrayList<>();
        for (Fill fill : fills) events.add(new FillBooked(fill, S, fill.timestamp()));
        events.add(finished);
        return chained(events);
    }

    private static List<JournalRecord> chained(List<Record> events) {
        List<JournalRecord> records = new ArrayList<>();
        byte[] previous = JournalRecord.GENESIS;
        long sequence = 1;
        for (Record event : events) {
            JournalRecord r = JournalRecord.chained(previous, sequence++, 0, 0, RecordCodec.typeOf(event), RecordCodec.encode(event));
            previous = r.hash();
            records.add(r);
        }
        return records;
    }

    private static Fill fill(String id, OrderSide side, String quantity, String price, String fee) {
        return new Fill(ClientOrderId.of(id), "t-" + id, XYZ, side, Quantity.of(quantity), Price.of(price), Money.of(fee), 1);
    }

    @Test
    void theFillsAndTheFinalMarksGiveBackTheRecordedAccountExactly() {
        Fill[] fills = {fill("a", OrderSide.BUY, "10", "100.01", "1"), fill("b", OrderSide.SELL, "4", "101.37", "0.5")};
        PortfolioManager original = new PortfolioManager(Money.ofUnits(100_000), INSTRUMENTS);
        original.addStrategy(S);
        for (Fill f : fills) original.book(f, S);
        original.mark(XYZ, Price.of("99.99"));
        RunJournal.RunFinished finished = PortfolioReplay.finished("t", "end of data", original, 5);

        PortfolioReplay.Result result = PortfolioReplay.replay(journal(finished, fills).iterator(), Money.ofUnits(100_000),
                INSTRUMENTS);

        assertThat(result.differences()).isEmpty();
        assertThat(result.matches()).isTrue();
        assertThat(result.fills()).isEqualTo(2);
        assertThat(result.portfolio().equity()).isEqualTo(original.equity());
        assertThat(result.portfolio().accountPosition(XYZ).quantity()).isEqualTo(Quantity.of("6"));
    }

    @Test
    void correctionsAndBustsInTheJournalAreBookedAsTheEngineBookedThem() {
        Fill buy = fill("a", OrderSide.BUY, "10", "100.01", "1");
        Fill sell = fill("b", OrderSide.SELL, "4", "101.37", "0.5");
        Fill corrected = new Fill(buy.orderId(), buy.tradeId(), XYZ, OrderSide.BUY, Quantity.of("8"), Price.of("99.5"),
                Money.of("0.8"), buy.timestamp());
        PortfolioManager original = new PortfolioManager(Money.ofUnits(100_000), INSTRUMENTS);
        original.addStrategy(S);
        original.book(buy, S);
        original.book(sell, S);
        original.restate(buy.tradeId(), corrected);
        original.restate(sell.tradeId(), null);
        original.mark(XYZ, Price.of("99.99"));
        RunJournal.RunFinished finished = PortfolioReplay.finished("t", "end of data", original, 5);

        PortfolioReplay.Result result = PortfolioReplay.replay(chained(List.of(new FillBooked(buy, S, 1),
                new FillBooked(sell, S, 2), new FillCorrectionBooked(buy, corrected, "c-1", S, 3),
                new FillBustBooked(sell, "b-1", S, 4), finished)).iterator(), Money.ofUnits(100_000), INSTRUMENTS);

        assertThat(result.differences()).isEmpty();
        assertThat(result.fills()).isEqualTo(1);
        assertThat(result.portfolio().accountPosition(XYZ)).isEqualTo(original.accountPosition(XYZ));
        assertThat(result.portfolio().accountPosition(XYZ).quantity()).isEqualTo(Quantity.of("8"));
        assertThat(result.portfolio().cash()).isEqualTo(Money.of("99203.2"));
    }

    @Test
    void aRecordedAccountThatTheFillsDoNotGiveIsReported() {
        Fill buy = fill("a", OrderSide.BUY, "10", "100", "1");
        RunJournal.RunFinished claimed = new RunJournal.RunFinished("t", "end of data",
                List.of(new RunJournal.Mark(XYZ, Price.of("100"))), List.of(new RunJournal.Holding(XYZ, Quantity.of("9"))),
                Money.of("98999"), Money.ZERO, Money.of("1"), Money.of("99999"), 5);

        PortfolioReplay.Result result = PortfolioReplay.replay(journal(claimed, buy).iterator(), Money.ofUnits(100_000),
                INSTRUMENTS);

        assertThat(result.matches()).isFalse();
        assertThat(result.differences()).containsExactly("position XYZ: replayed 10, recorded 9");
    }

    @Test
    void aJournalWithoutItsEndIsNotTakenForAFinishedRun() {
        List<JournalRecord> records = journal(PortfolioReplay.finished("t", "x",
                new PortfolioManager(Money.ofUnits(1), INSTRUMENTS), 0));
        PortfolioReplay.Result result = PortfolioReplay.replay(records.subList(0, 0).iterator(), Money.ofUnits(1), INSTRUMENTS);
        assertThat(result.matches()).isFalse();
        assertThat(result.differences()).singleElement().asString().contains("no RunFinished");
    }
}
