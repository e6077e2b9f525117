package dev.ballast.runtime.plan;

import dev.ballast.engine.data.MarketDataFiles;
import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.engine.strategy.lang.StrategyDocument;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Instrument;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.MarketData;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks, just before a run starts, what would otherwise make it run silently without trades: refuses a
 * strategy symbol that no data file has a row for (naming the symbol and the files), and returns warnings
 * for a data file with only a header and for a document whose fixed quantity rounds down to zero lots.
 *
 * <p>Reads each data file only as far as it must: its first row, then on only while a strategy symbol is
 * still unseen (a multi-symbol file sorted by time names every symbol in its first rows). Rows are read
 * under the run's bad-row policy: a bad row it reaches stops the run here, with the file and line, as it
 * would a moment later in the run. Stateless.
 */
public final class RunPreflight {
    private RunPreflight() {}

    /**
     * @return warnings, one line each, to print before the run
     * @throws ConfigException when a strategy trades a symbol that has no data
     */
    public static List<String> check(RunPlan plan) {
        List<String> warnings = new ArrayList<>();
        Set<Symbol> unseen = new LinkedHashSet<>();
        for (StrategySpec spec : plan.strategies()) unseen.addAll(spec.symbols());
        for (Path file : plan.dataFiles()) {
            try (MarketDataSource source = MarketDataFiles.open(file, plan.dataKind(), plan.csvOptions())) {
                MarketData first = source.next();
                if (first == null) {
                    warnings.add("data file " + file + " has a header but no data rows");
                    continue;
                }
                unseen.remove(first.symbol());
                while (!unseen.isEmpty()) {
                    MarketData next = source.next();
                    if (next == null) break;
                    unseen.remove(next.symbol());
                }
            }
        }
        if (!unseen.isEmpty()) {
            throw new ConfigException(plan.configFile() + ": strategies: no data for " + describe(plan, unseen)
                    + " in data.files " + plan.dataFiles().stream().map(Path::toString).collect(Collectors.joining(", "))
                    + "; the strategy would never trade it");
        }
        warnings.addAll(quantitiesRoundingToZero(plan));
        return warnings;
    }

    /**
     * Warnings for a live run's venue: a FIX session that resets its sequence numbers makes the venue forget what it
     * sent, so a restart cannot ask again for a fill received but not yet journaled when the process died.
     */
    public static List<String> liveVenue(VenuePlan venue) {
        if (!(venue instanceof VenuePlan.Fix fix)) return List.of();
        List<String> resets = new ArrayList<>();
        if (fix.resetOnLogon()) resets.add("resetOnLogon");
        if (fix.resetOnLogout()) resets.add("resetOnLogout");
        if (fix.resetOnDisconnect()) resets.add("resetOnDisconnect");
        if (resets.isEmpty()) return List.of();
        return List.of("broker.fix." + String.join(", ", resets) + ": the FIX session resets its sequence numbers, so "
                + "after a crash the venue cannot be asked again for a fill received but not yet journaled; "
                + "reconciliation still halts the account on any difference");
    }

    private static String describe(RunPlan plan, Set<Symbol> unseen) {
        List<String> parts = new ArrayList<>();
        for (Symbol symbol : unseen) {
            List<String> users = plan.strategies().stream().filter(spec -> spec.symbols().contains(symbol))
                    .map(spec -> spec.id().toString()).toList();
            parts.add("symbol " + symbol + " (strategy " + String.join(", ", users) + ")");
        }
        return String.join(", ", parts);
    }

    /** A document's {@code sizing: {mode: fixed}} quantity below the lot of a symbol it trades: it can never order. */
    private static List<String> quantitiesRoundingToZero(RunPlan plan) {
        List<String> warnings = new ArrayList<>();
        Map<Symbol, Instrument> instruments = plan.instruments().stream()
                .collect(Collectors.toMap(Instrument::symbol, instrument -> instrument, (a, b) -> a));
        for (StrategySpec spec : plan.strategies()) {
            DocumentOrigin origin = plan.documents().get(spec.id());
            if (origin == null) continue;
            StrategyDocument document = StrategyDocumentLoader.load(origin.file()).document();
            if (document == null || document.sizing() == null || !"fixed".equals(document.sizing().mode())) continue;
            BigDecimal quantity = document.sizing().quantity();
            if (quantity == null) continue;
            for (Symbol symbol : spec.symbols()) {
                Instrument instrument = instruments.get(symbol);
                if (instrument == null) continue;
                BigDecimal lot = FixedPoint.toBigDecimal(instrument.lotSize().raw());
                if (quantity.compareTo(lot) < 0) {
                    warnings.add(warning(spec.id(), origin.file(), quantity, symbol, lot));
                }
            }
        }
        return warnings;
    }

    private static String warning(StrategyId id, Path file, BigDecimal quantity, Symbol symbol, BigDecimal lot) {
        return "strategy " + id + " (" + file + "): sizing.quantity " + quantity.toPlainString() + " rounds down to 0 lots of "
                + symbol + " (lot size " + lot.stripTrailingZeros().toPlainString() + "); it will send no orders for it";
    }
}
