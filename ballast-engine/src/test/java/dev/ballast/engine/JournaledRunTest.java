package dev.ballast.engine;

import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.OrderApproved;
import dev.ballast.model.BracketRole;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Price;
import dev.ballast.engine.journal.store.MemoryJournalStore;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.ForwardingJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.TradingStateChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static dev.ballast.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;

/** The run journal wired to a real engine: what it records, and a full disk halting the account ({@link JournalFailureRun}). */
class JournaledRunTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S = StrategyId.of("s");

    private static Bar flat(int day, String price) {
        return bar(XYZ, day, price, price, price, price, 100_000);
    }

    private static void step(TradingEngine engine, Bar bar) {
        engine.advanceTo(bar.timestamp());
        engine.process(bar);
    }

    private static TradingEngine engine(List<EngineEvent> events, StrategySpec spec) {
        TradingEngine engine = EngineFixtures.backtest(Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                EngineFixtures.frictionless(), RiskConfig.defaults(), IsolationPolicy.defaults(), List.of(spec));
        engine.subscribe(events::add);
        return engine;
    }

    private static RunJournal.RunStarted start(boolean marketData) {
        return new RunJournal.RunStarted("test", "BACKTEST",
                List.of(new RunJournal.StrategyInfo("s", "ScriptedStrategy", null)), "test", "25", marketData, "NEVER", null, null, null, 0);
    }

    /** A store that fails like a full disk once {@link #full} is set, as FileJournalStore reports an IOException. */
    static final class FullDiskStore extends ForwardingJournalStore {
        volatile boolean full;

        FullDiskStore(JournalStore delegate) {
            super(delegate);
        }

        @Override
        public void append(List<JournalRecord> batch) {
            IOException io = new IOException("No space left on device");
            if (full) throw new JournalException("journal write failed: " + io.getMessage(), io);
            delegate.append(batch);
        }
    }

    @Test
    void aFullDiskHaltsTheAccountAndWhatWasStoredVerifies(@TempDir Path dir) throws Exception {
        FullDiskStore store = new FullDiskStore(FileJournalStore.open(dir, FsyncPolicy.everyBatch()));
        JournalFailureRun.Outcome outcome = JournalFailureRun.run(store, () -> store.full = true);

        outcome.assertHaltedForJournalFailure();
        assertThat(outcome.failure()).hasMessageContaining("No space left on device");
        TradingStateChanged halt = outcome.events().stream().filter(e -> e instanceof TradingStateChanged)
                .map(e -> (TradingStateChanged) e).findFirst().orElseThrow();
        assertThat(halt.detail()).contains("No space left on device");
        // What was stored before the failure stays, and its chain is intact; nothing after it was accepted.
        try (FileJournalStore stored = FileJournalStore.openReadOnly(dir)) {
            JournalVerifier.Result verdict = JournalVerifier.verify(stored);
            assertThat(verdict.ok()).as(verdict.toString()).isTrue();
            assertThat(verdict.count()).isEqualTo(outcome.storedBeforeBreak());
            List<String> types = new ArrayList<>();
            stored.read(1).forEachRemaining(r -> types.add(r.type()));
            assertThat(types).startsWith("RunStarted").contains("OrderApproved", "FillBooked");
        }
    }

    @Test
    void recordsInputsAndEngineEventsInOrderWithoutMarketDataByDefault() {
        List<String> types = run(false);
        assertThat(types.getFirst()).isEqualTo("RunStarted");
        assertThat(types).doesNotContain("Bar");
        // submit -> approval -> order updates -> broker fill -> fill booked, in the engine's order
        assertThat(types).containsSubsequence("SubmitOrder", "OrderApproved", "OrderUpdated", "Fill", "FillBooked");
    }

    @Test
    void recordsMarketDataWhenAsked() {
        List<String> types = run(true);
        assertThat(types).filteredOn("Bar"::equals).hasSize(3);
        assertThat(types).containsSubsequence("RunStarted", "Bar", "SubmitOrder", "OrderApproved", "Bar", "Fill", "FillBooked");
    }

    @Test
    void journalsTheEntrysFillAndItsBookingBeforeTheBracketExitsItCaused() {
        // Issue #11 item 4: the bus re-entered itself, so the exits' approval and submission, made while the entry's
        // FILLED was being delivered, reached the journal (and the strategy) before that FILLED and its FillBooked.
        List<EngineEvent> events = new ArrayList<>();
        TradingEngine engine = engine(events, new StrategySpec(S, new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submitBracket(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(10)),
                    Price.of("110"), Price.of("90"));
        }), List.of(XYZ)));
        MemoryJournalStore store = new MemoryJournalStore();
        RunJournal journal = new RunJournal(new JournalWriter(store, 1024, 64), store, false, null);
        engine.attachJournal(journal, start(false));
        EngineFixtures.runBacktest(engine, List.of(flat(0, "100"), flat(1, "100"), flat(2, "100")));
        journal.close();

        List<String> order = new ArrayList<>();
        for (JournalRecord record : List.copyOf(store.records)) {
            Object decoded = RunJournal.decoder().decode(record.type(), record.payload());
            switch (decoded) {
                case OrderUpdated u when u.order().bracketRole() == BracketRole.ENTRY
                        && u.order().status() == OrderStatus.FILLED -> order.add("entry FILLED");
                case FillBooked b when b.fill().orderId().equals(entryId(engine)) -> order.add("entry FillBooked");
                case OrderApproved a when a.order().bracketRole().isExit() ->
                        order.add(a.order().bracketRole() + " approved");
                case OrderUpdated u when u.order().bracketRole().isExit()
                        && u.order().status() == OrderStatus.SUBMITTED ->
                        order.add(u.order().bracketRole() + " SUBMITTED");
                default -> { }
            }
        }
        assertThat(order).containsExactly("entry FILLED", "entry FillBooked", "TAKE_PROFIT approved", "TAKE_PROFIT SUBMITTED",
                "STOP_LOSS approved", "STOP_LOSS SUBMITTED");
        // Every listener heard them in that order, not only the journal.
        List<String> heard = new ArrayList<>();
        for (EngineEvent event : events) {
            if (event instanceof FillBooked b && b.fill().orderId().equals(entryId(engine))) heard.add("booked");
            if (event instanceof OrderApproved a && a.order().bracketRole().isExit()) heard.add("exit approved");
        }
        assertThat(heard).containsExactly("booked", "exit approved", "exit approved");
    }

    private static ClientOrderId entryId(TradingEngine engine) {
        return engine.orders().orders().stream().filter(o -> o.bracketRole() == BracketRole.ENTRY)
                .findFirst().orElseThrow().id();
    }

    private static List<String> run(boolean marketData) {
        List<EngineEvent> events = new ArrayList<>();
        TradingEngine engine = engine(events, new StrategySpec(S, new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)));
        }), List.of(XYZ)));
        MemoryJournalStore store = new MemoryJournalStore();
        RunJournal journal = new RunJournal(new JournalWriter(store, 1024, 64), store, marketData, null);
        engine.attachJournal(journal, start(marketData));
        EngineFixtures.runBacktest(engine, List.of(flat(0, "100"), flat(1, "100"), flat(2, "100")));
        journal.close();
        assertThat(journal.failed()).isFalse();
        assertThat(journal.records()).isEqualTo(store.records.size());
        return store.types();
    }
}
