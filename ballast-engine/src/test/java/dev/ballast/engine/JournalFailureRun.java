package dev.ballast.engine;

import dev.ballast.model.TradingStateReason;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.journal.store.JournalStore;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.ballast.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fail-safe scenario every journal store's tests run: a one-strategy backtest journaled into the store; after
 * two bars are stored the store is broken (a full disk, the database stopped), and the run goes on for two more
 * bars. The strategy rests a limit order on the second bar and sends a market order on every other bar.
 */
public final class JournalFailureRun {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S = StrategyId.of("s");

    /** What the run did: the engine's events, the account's state, the journal's failure. */
    public record Outcome(List<EngineEvent> events, TradingState accountState, OrderStatus restingOrder,
                          Throwable failure, long storedBeforeBreak, long storedAtEnd, boolean journalFailed) {
        /** The account halted for the journal (and only for it), the resting order canceled, later orders denied. */
        public void assertHaltedForJournalFailure() {
            List<TradingStateChanged> changes = events.stream().filter(e -> e instanceof TradingStateChanged)
                    .map(e -> (TradingStateChanged) e).toList();
            assertThat(changes).extracting(TradingStateChanged::reasonCode).containsExactly(TradingStateReason.JOURNAL_FAILURE);
            assertThat(changes.getFirst().detail()).isNotBlank();
            assertThat(accountState).isEqualTo(TradingState.HALTED);
            assertThat(restingOrder).isEqualTo(OrderStatus.CANCELED);
            assertThat(events.stream().filter(e -> e instanceof OrderDenied).map(e -> ((OrderDenied) e).reasonCode()))
                    .containsExactly(RiskReason.TRADING_HALTED);
            assertThat(journalFailed).isTrue();
            assertThat(storedAtEnd).isGreaterThanOrEqualTo(storedBeforeBreak);
        }
    }

    private JournalFailureRun() {
    }

    /** Runs the scenario into {@code store} (closed at the end), calling {@code breakStore} after the second bar. */
    public static Outcome run(JournalStore store, ThrowingRunnable breakStore) throws Exception {
        List<EngineEvent> events = new ArrayList<>();
        List<ClientOrderId> resting = new ArrayList<>();
        TradingEngine engine = EngineFixtures.backtest(Money.ofUnits(100_000), EngineFixtures.equities(XYZ),
                EngineFixtures.frictionless(), RiskConfig.defaults(), IsolationPolicy.defaults(),
                List.of(new StrategySpec(S, new ScriptedStrategy((ctx, i) -> {
                    if (i == 1) resting.add(ctx.submit(OrderRequest.limit(XYZ, OrderSide.BUY, Quantity.ofUnits(10), Price.of("50"))));
                    else ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)));
                }), List.of(XYZ))));
        engine.subscribe(events::add);
        JournalWriter writer = new JournalWriter(store, 1024, 64);
        RunJournal journal = new RunJournal(writer, store, false, null);
        engine.attachJournal(journal, new RunJournal.RunStarted("test", "BACKTEST",
                List.of(new RunJournal.StrategyInfo("s", "ScriptedStrategy", null)), "test", "25", false, "EVERY_BATCH", null, null, null, 0));
        engine.start();
        step(engine, flat(0));
        step(engine, flat(1));
        writer.awaitDurable(journal.lastSequence(), Duration.ofSeconds(10));
        long storedBeforeBreak = writer.durableSequence();
        breakStore.run();
        step(engine, flat(2)); // its records reach the broken store
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (writer.failure() == null && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(writer.failure()).as("the journal writer's failure").isNotNull();
        while (engine.externalBacklog() > 0) engine.pollExternal();
        step(engine, flat(3));
        engine.finish();
        journal.close();
        return new Outcome(events, engine.risk().states().state(RiskScope.ACCOUNT),
                engine.orders().order(resting.getFirst()).status(), writer.failure(), storedBeforeBreak,
                journal.records(), journal.failed());
    }

    /** Breaks the store; may throw (stopping a server). */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Bar flat(int day) {
        return bar(XYZ, day, "100", "100", "100", "100", 100_000);
    }

    private static void step(TradingEngine engine, Bar bar) {
        engine.advanceTo(bar.timestamp());
        engine.process(bar);
    }
}
