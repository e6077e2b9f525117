package dev.ballast.engine;

import dev.ballast.engine.journal.JournalRecord;
import dev.ballast.engine.journal.JournalStore;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.risk.RiskScope;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.TradingStateChanged;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static dev.ballast.engine.EngineFixtures.bar;
import static dev.ballast.engine.EngineFixtures.day;
import static org.assertj.core.api.Assertions.assertThat;

/** The run journal wired to a real engine: what it records, and a journal failure halting the account. */
class JournaledRunTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S = StrategyId.of("s");

    /** An in-memory store that throws "No space left on device" once {@link #full} is set. */
    static final class MemoryStore implements JournalStore {
        final List<JournalRecord> records = Collections.synchronizedList(new ArrayList<>());
        volatile boolean full;

        @Override
        public void append(List<JournalRecord> batch) {
            if (full) throw new UncheckedIOException(new IOException("No space left on device"));
            records.addAll(batch);
        }

        @Override
        public Iterator<JournalRecord> read(long fromSequence) {
            return List.copyOf(records).stream().filter(r -> r.sequence() >= fromSequence).iterator();
        }

        @Override
        public Optional<JournalRecord> last() {
            synchronized (records) {
                return records.isEmpty() ? Optional.empty() : Optional.of(records.getLast());
            }
        }

        @Override
        public void sync() {
        }

        @Override
        public void close() {
        }

        List<String> types() {
            synchronized (records) {
                return records.stream().map(JournalRecord::type).toList();
            }
        }
    }

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

    @Test
    void aJournalThatCannotBeWrittenHaltsTheAccount() throws Exception {
        List<EngineEvent> events = new ArrayList<>();
        List<ClientOrderId> resting = new ArrayList<>();
        TradingEngine engine = engine(events, new StrategySpec(S, new ScriptedStrategy((ctx, i) -> {
            if (i == 1) resting.add(ctx.submit(OrderRequest.limit(XYZ, OrderSide.BUY, Quantity.ofUnits(10), Price.of("50"))));
            else ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)));
        }), List.of(XYZ)));
        MemoryStore store = new MemoryStore();
        JournalWriter writer = new JournalWriter(store, 1024, 64);
        RunJournal journal = new RunJournal(writer, store, false, null);
        engine.attachJournal(journal, start(false));
        engine.start();
        step(engine, flat(0, "100"));
        step(engine, flat(1, "100"));
        writer.awaitDurable(journal.lastSequence(), java.time.Duration.ofSeconds(5));
        store.full = true;
        step(engine, flat(2, "100")); // its records reach the failing store
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (writer.failure() == null && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(writer.failure()).hasMessageContaining("No space left on device");
        while (engine.externalBacklog() > 0) engine.pollExternal();
        step(engine, flat(3, "100"));
        engine.finish();
        journal.close();

        List<TradingStateChanged> changes = events.stream().filter(e -> e instanceof TradingStateChanged)
                .map(e -> (TradingStateChanged) e).toList();
        assertThat(changes).extracting(TradingStateChanged::reasonCode).containsExactly("JOURNAL_FAILURE");
        assertThat(changes.getFirst().detail()).contains("No space left on device");
        assertThat(engine.risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
        assertThat(engine.orders().order(resting.getFirst()).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(events.stream().filter(e -> e instanceof OrderDenied).map(e -> ((OrderDenied) e).reasonCode()))
                .containsExactly("TRADING_HALTED");
        // What was stored before the failure stays; nothing after it was accepted.
        assertThat(store.types()).startsWith("RunStarted").contains("OrderApproved", "FillBooked");
        assertThat(journal.failed()).isTrue();
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

    private static List<String> run(boolean marketData) {
        List<EngineEvent> events = new ArrayList<>();
        TradingEngine engine = engine(events, new StrategySpec(S, new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)));
        }), List.of(XYZ)));
        MemoryStore store = new MemoryStore();
        RunJournal journal = new RunJournal(new JournalWriter(store, 1024, 64), store, marketData, null);
        engine.attachJournal(journal, start(marketData));
        EngineFixtures.runBacktest(engine, List.of(flat(0, "100"), flat(1, "100"), flat(2, "100")));
        journal.close();
        assertThat(journal.failed()).isFalse();
        assertThat(journal.records()).isEqualTo(store.records.size());
        return store.types();
    }
}
