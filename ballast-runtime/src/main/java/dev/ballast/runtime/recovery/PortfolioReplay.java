package dev.ballast.runtime.recovery;

import dev.ballast.model.Quantity;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.codec.RecordDecoder;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Rebuilds a run's final portfolio from its journal alone: the fills it booked, each for the strategy that owned
 * it, in journal order, with the venue's corrections and busts of them booked where the journal has them, marked at the prices the run ended on ({@link RunJournal.RunFinished}). Positions, cash,
 * fees and P&L are exact (fixed-point), so the rebuilt account must equal the one the run recorded to the last
 * unit; {@link #differences} says where it does not.
 */
public final class PortfolioReplay {
    /** What the replay produced, and the run's own final record. */
    /** {@code fills}: the fills standing at the end (booked, less those busted). */
    public record Result(PortfolioManager portfolio, RunJournal.RunFinished finished, long fills, List<String> differences) {
        public boolean matches() {
            return finished != null && differences.isEmpty();
        }
    }

    private PortfolioReplay() {}

    /**
     * @param records     the journal's records in order (already verified)
     * @param initialCash the run's starting cash
     * @param instruments the run's instruments
     */
    public static Result replay(Iterator<JournalRecord> records, Money initialCash, Collection<Instrument> instruments) {
        RecordDecoder decoder = RunJournal.decoder();
        PortfolioManager portfolio = new PortfolioManager(initialCash, instruments);
        RunJournal.RunFinished finished = null;
        long fills = 0;
        while (records.hasNext()) {
            JournalRecord record = records.next();
            switch (record.type()) {
                case "FillBooked" -> {
                    FillBooked booked = (FillBooked) decoder.decode(record.type(), record.payload());
                    if (!portfolio.strategyIds().contains(booked.strategyId())) portfolio.addStrategy(booked.strategyId());
                    portfolio.book(booked.fill(), booked.strategyId());
                    fills++;
                }
                // A venue's correction or bust of a booked trade, booked as the engine booked it (PortfolioManager#restate).
                case "FillCorrectionBooked" -> {
                    FillCorrectionBooked corrected = (FillCorrectionBooked) decoder.decode(record.type(), record.payload());
                    portfolio.restate(corrected.corrected().tradeId(), corrected.corrected());
                }
                case "FillBustBooked" -> {
                    FillBustBooked busted = (FillBustBooked) decoder.decode(record.type(), record.payload());
                    portfolio.restate(busted.original().tradeId(), null);
                    fills--;
                }
                case "RunFinished" -> finished = (RunJournal.RunFinished) decoder.decode(record.type(), record.payload());
                // A stopped run's end record holds the account it left, as a RunFinished would.
                case "RunStopped" -> finished = ((RunJournal.RunStopped) decoder.decode(record.type(), record.payload())).end();
                default -> { }
            }
        }
        List<String> differences = new ArrayList<>();
        if (finished == null) {
            differences.add("the journal has no RunFinished or RunStopped record: the run did not end normally (resume it, or it crashed)");
        } else {
            for (RunJournal.Mark mark : finished.marks()) portfolio.mark(mark.symbol(), mark.price());
            compare(differences, "cash", portfolio.cash(), finished.cash());
            compare(differences, "realized P&L", portfolio.realizedPnl(), finished.realizedPnl());
            compare(differences, "fees", portfolio.fees(), finished.fees());
            compare(differences, "equity", portfolio.equity(), finished.equity());
            List<Symbol> symbols = new ArrayList<>(portfolio.symbols());
            symbols.sort(Comparator.comparing(Symbol::value));
            for (Symbol symbol : symbols) {
                long replayed = portfolio.accountQuantityRaw(symbol);
                long recorded = finished.positions().stream().filter(h -> h.symbol().equals(symbol))
                        .mapToLong(h -> h.quantity().raw()).sum();
                if (replayed != recorded) {
                    differences.add("position " + symbol + ": replayed " + Quantity.ofRaw(replayed)
                            + ", recorded " + Quantity.ofRaw(recorded));
                }
            }
        }
        return new Result(portfolio, finished, fills, differences);
    }

    /** The run-end record of an engine's portfolio. */
    public static RunJournal.RunFinished finished(String runName, String reason, PortfolioManager portfolio, long timestamp) {
        List<RunJournal.Mark> marks = new ArrayList<>();
        List<RunJournal.Holding> positions = new ArrayList<>();
        List<Symbol> symbols = new ArrayList<>(portfolio.symbols());
        symbols.sort(Comparator.comparing(Symbol::value));
        for (Symbol symbol : symbols) {
            if (portfolio.lastPrice(symbol) != null) marks.add(new RunJournal.Mark(symbol, portfolio.lastPrice(symbol)));
            long quantity = portfolio.accountQuantityRaw(symbol);
            if (quantity != 0) positions.add(new RunJournal.Holding(symbol, Quantity.ofRaw(quantity)));
        }
        return new RunJournal.RunFinished(runName, reason, marks, positions, portfolio.cash(), portfolio.realizedPnl(),
                portfolio.fees(), portfolio.equity(), timestamp);
    }

    private static void compare(List<String> differences, String what, Money replayed, Money recorded) {
        if (!replayed.equals(recorded)) differences.add(what + ": replayed " + replayed + ", recorded " + recorded);
    }
}
