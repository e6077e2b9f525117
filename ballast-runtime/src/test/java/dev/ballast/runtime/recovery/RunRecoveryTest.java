package dev.ballast.runtime.recovery;

import dev.ballast.engine.journal.store.JournalVerifier;
import dev.ballast.model.Instrument;
import dev.ballast.model.event.MarketData;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.RiskReason;
import dev.ballast.engine.EngineFixtures;
import dev.ballast.engine.EngineSettings;
import dev.ballast.engine.journal.store.MemoryJournalStore;
import dev.ballast.engine.portfolio.PortfolioManager;
import dev.ballast.engine.ScriptedStrategy;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.broker.paper.PaperBroker;
import dev.ballast.engine.clock.Clock;
import dev.ballast.engine.clock.InputClock;
import dev.ballast.engine.clock.ReplayClock;
import dev.ballast.engine.clock.SimulatedClock;
import dev.ballast.engine.ProgressListener;
import dev.ballast.engine.RealtimeRunner;
import dev.ballast.engine.data.InMemoryMarketDataSource;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.JournalWriter;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.risk.RiskScope;
import dev.ballast.model.RunMode;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.BrokerReconciled;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.SubmitOrder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.ballast.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run resumed from its journal: re-executed and matched record by record, then reconciled with the broker
 * before anything new is sent; a broker that cannot be asked is "unknown", never flat, and the account halts.
 */
class RunRecoveryTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId S = StrategyId.of("s");

    /** Sits in front of the paper venue: records what reaches it, and can answer queries its own way. */
    static final class Venue implements BrokerageInterface {
        final PaperBroker paper;
        final List<ClientOrderId> submitted = new ArrayList<>();
        final List<ClientOrderId> canceled = new ArrayList<>();
        Function<BrokerState, CompletableFuture<BrokerState>> answer = CompletableFuture::completedFuture;
        /** When set, the venue busts this order's fill right after reporting it (as a live venue may, later). */
        ClientOrderId bustFillOf;
        /** When set, this order never reaches the venue (the process dies after journaling it, before sending it). */
        ClientOrderId lost;
        /** Whether the adapter keeps a record of what it sends, and so can prove {@link #lost} never left. */
        boolean recordsSends;
        /**
         * When set, a status query first reports again every fill reported so far, from a thread of the venue's (an
         * adapter that lost its memory of what it reported, as the Alpaca adapter's query of the account's fills).
         */
        boolean reportsFillsAgainWhenAsked;
        private final List<Fill> fills = new CopyOnWriteArrayList<>();
        private BrokerReportSink sink;

        Venue(Clock clock) {
            Map<Symbol, Instrument> instruments = EngineFixtures.equities(XYZ).stream()
                    .collect(Collectors.toMap(Instrument::symbol, Function.identity()));
            paper = new PaperBroker(clock, instruments, EngineFixtures.frictionless());
        }

        @Override public void connect(BrokerReportSink sink) {
            this.sink = sink;
            paper.connect(BrokerReportSink.reportsOnly(report -> {
                sink.report(report);
                if (report instanceof Fill fill) fills.add(fill);
                if (report instanceof Fill fill && fill.orderId().equals(bustFillOf)) {
                    // From a thread of the venue's, as a live adapter reports: the engine takes it as an input of its
                    // own (after the data it is handling). Joined, so that it is queued before the engine looks.
                    Thread venueThread = Thread.ofPlatform().start(() -> sink.report(
                            new FillBusted(fill.orderId(), fill.tradeId(), "bust-" + fill.tradeId(), fill.timestamp())));
                    try {
                        venueThread.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while the venue reported a bust", e);
                    }
                }
            }));
        }
        @Override public void submit(Order order) {
            if (order.id().equals(lost)) return;
            submitted.add(order.id());
            paper.submit(order);
        }
        @Override public boolean mayHaveSent(ClientOrderId id) { return !recordsSends || !id.equals(lost); }
        @Override public void cancel(ClientOrderId id) {
            canceled.add(id);
            paper.cancel(id);
        }
        @Override public void modify(ClientOrderId id, Quantity q, Price l, Price s) { paper.modify(id, q, l, s); }
        @Override public void onMarketData(MarketData data) { paper.onMarketData(data); }
        @Override public void onTime(long now) { paper.onTime(now); }
        @Override public CompletableFuture<BrokerState> queryState() {
            if (reportsFillsAgainWhenAsked) {
                Thread venueThread = Thread.ofPlatform().start(() -> fills.forEach(sink::report));
                try {
                    venueThread.join(); // queued before the engine looks, as reports sent before the answer are
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the venue reported its fills again", e);
                }
            }
            return paper.queryState().thenCompose(answer);
        }
    }

    /** Buys one share on every bar. */
    private static StrategySpec buyer() {
        return new StrategySpec(S, new ScriptedStrategy((ctx, i) ->
                ctx.submit(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(1)))), List.of(XYZ));
    }

    private static List<Bar> bars(int n) {
        List<Bar> bars = new ArrayList<>();
        for (int d = 0; d < n; d++) bars.add(bar(XYZ, d, "100", "100", "100", "100", 100_000));
        return bars;
    }

    private record Run(TradingEngine engine, Venue venue, JournaledBroker gate, RunJournal journal,
                       List<EngineEvent> events) {
    }

    private static Run run(MemoryJournalStore store, JournaledBroker.Phase phase) {
        SimulatedClock clock = new SimulatedClock(Long.MIN_VALUE);
        Venue venue = new Venue(clock);
        RunJournal journal = new RunJournal(new JournalWriter(store, 1024, 64), store, false, null);
        JournaledBroker gate = new JournaledBroker(venue, journal, clock, phase, Duration.ofSeconds(5), true);
        EngineSettings settings = new EngineSettings(RunMode.BACKTEST, Money.ofUnits(100_000),
                EngineFixtures.equities(XYZ), RiskConfig.defaults(), IsolationPolicy.defaults());
        TradingEngine engine = new TradingEngine(settings, clock, gate, List.of(buyer()), m -> {
            throw new AssertionError(m);
        });
        List<EngineEvent> events = new ArrayList<>();
        engine.subscribe(events::add);
        return new Run(engine, venue, gate, journal, events);
    }

    /** The first life of the run: three bars journaled, then the process "dies" (nothing more is written). */
    private static MemoryJournalStore crashedAfterThreeBars() {
        return crashedAfterThreeBars(null);
    }

    /** As {@link #crashedAfterThreeBars()}, but order {@code lost} was journaled and never left the process. */
    private static MemoryJournalStore crashedAfterThreeBars(ClientOrderId lost) {
        MemoryJournalStore store = new MemoryJournalStore();
        Run first = run(store, JournaledBroker.Phase.LIVE);
        first.venue().lost = lost;
        first.engine().attachJournal(first.journal(), new RunJournal.RunStarted("t", "PAPER", List.of(), "t", "25",
                false, "EVERY_BATCH", null, null, "max", 0));
        EngineFixtures.runBacktest(first.engine(), bars(3));
        first.journal().close();
        assertThat(first.venue().submitted).hasSize(lost == null ? 3 : 2);
        return store;
    }

    private static Run resume(MemoryJournalStore store,
                              Function<BrokerState, CompletableFuture<BrokerState>> answer, List<RunRecovery> out) {
        return resume(store, answer, out, null, false);
    }

    private static Run resume(MemoryJournalStore store, Function<BrokerState, CompletableFuture<BrokerState>> answer,
                              List<RunRecovery> out, ClientOrderId lost, boolean recordsSends) {
        Run second = run(store, JournaledBroker.Phase.REPLAYING);
        second.venue().answer = answer;
        second.venue().lost = lost;
        second.venue().recordsSends = recordsSends;
        Iterator<JournalRecord> stored = store.read(2);
        RunRecovery recovery = new RunRecovery(second.engine(), second.gate(), second.journal(), stored, "t",
                Duration.ofSeconds(1), () -> { });
        recovery.attach();
        out.add(recovery);
        EngineFixtures.runBacktest(second.engine(), bars(5));
        recovery.atEnd();
        second.journal().close();
        return second;
    }

    @Test
    void matchesTheJournalThenReconcilesAndCarriesOn() {
        MemoryJournalStore store = crashedAfterThreeBars();
        int stored = store.records.size();
        List<RunRecovery> recovery = new ArrayList<>();
        Run second = resume(store, CompletableFuture::completedFuture, recovery);

        assertThat(recovery.getFirst().outcome()).isEqualTo(RunRecovery.Outcome.RECONCILED);
        assertThat(recovery.getFirst().matchedRecords()).isEqualTo(stored);
        assertThat(second.events()).filteredOn(e -> e instanceof BrokerReconciled)
                .singleElement().extracting(e -> ((BrokerReconciled) e).matched()).isEqualTo(true);
        // Five buys, each filled on the next bar: the last one is still working at the end.
        assertThat(second.engine().portfolio().accountQuantityRaw(XYZ)).isEqualTo(Quantity.ofUnits(4).raw());
        assertThat(second.engine().risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.ACTIVE);
        // The journal continues the same chain: the stored records, the resume, then the new records.
        assertThat(store.types().subList(stored, stored + 2)).containsExactly("RunResumed", "BrokerReconciled");
        assertThat(store.types()).filteredOn("FillBooked"::equals).hasSize(4);
        assertThat(JournalVerifier.verify(store).ok()).isTrue();
    }

    /** A paper run as {@code ballast paper} runs it: an input clock at the fastest replay, the real-time runner. */
    private static Run paperRun(MemoryJournalStore store, JournaledBroker.Phase phase, ClientOrderId bustFillOf) {
        InputClock clock = new InputClock(new ReplayClock(0));
        Venue venue = new Venue(clock);
        venue.bustFillOf = bustFillOf;
        RunJournal journal = new RunJournal(new JournalWriter(store, 1024, 64), store, false, null);
        JournaledBroker gate = new JournaledBroker(venue, journal, clock, phase, Duration.ofSeconds(5), true);
        EngineSettings settings = new EngineSettings(RunMode.PAPER, Money.ofUnits(100_000),
                EngineFixtures.equities(XYZ), RiskConfig.defaults(), IsolationPolicy.defaults());
        TradingEngine engine = new TradingEngine(settings, clock, gate, List.of(buyer()), m -> {
            throw new AssertionError(m);
        });
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        engine.subscribe(events::add);
        return new Run(engine, venue, gate, journal, events);
    }

    @Test
    void aPaperJournalHoldingABustResumesToTheBooksOfTheUninterruptedRun() {
        ClientOrderId busted = ClientOrderId.of("s-2");
        MemoryJournalStore whole = new MemoryJournalStore();
        Run uninterrupted = paperRun(whole, JournaledBroker.Phase.LIVE, busted);
        uninterrupted.engine().attachJournal(uninterrupted.journal(), new RunJournal.RunStarted("t", "PAPER", List.of(),
                "t", "25", false, "EVERY_BATCH", null, null, "max", 0));
        RealtimeRunner.run(uninterrupted.engine(), InMemoryMarketDataSource.of(bars(5)), 0, ProgressListener.NONE);
        uninterrupted.journal().close();
        assertThat(whole.types()).containsSubsequence("Fill", "FillBooked", "FillBusted", "OrderUpdated", "FillBustBooked");
        // The process dies right after it booked the bust: what is durable is the journal up to there.
        MemoryJournalStore store = new MemoryJournalStore();
        store.records.addAll(whole.records.subList(0, whole.types().indexOf("FillBustBooked") + 1));

        // The venue of the second life busts nothing: the bust comes back from the journal. Its books no longer hold the
        // busted share (the paper venue under it does not know of busts: taken off its answer).
        Run second = paperRun(store, JournaledBroker.Phase.REPLAYING, null);
        second.venue().answer = state -> CompletableFuture.completedFuture(new BrokerState(state.openOrders(),
                Map.of(XYZ, state.positions().get(XYZ).minus(Quantity.ofUnits(1))), state.knownOrders()));
        RunRecovery recovery = new RunRecovery(second.engine(), second.gate(), second.journal(), store.read(2), "t",
                Duration.ofSeconds(1), () -> { });
        recovery.attach();
        RealtimeRunner.run(second.engine(), InMemoryMarketDataSource.of(bars(5)), 0, ProgressListener.NONE, recovery::replay);
        recovery.atEnd();
        second.journal().close();

        assertThat(recovery.outcome()).as(recovery.detail()).isEqualTo(RunRecovery.Outcome.RECONCILED);
        PortfolioManager expected = uninterrupted.engine().portfolio();
        PortfolioManager resumed = second.engine().portfolio();
        // Four fills, one busted: three bought.
        assertThat(resumed.accountQuantityRaw(XYZ)).isEqualTo(Quantity.ofUnits(3).raw());
        assertThat(resumed.accountPosition(XYZ)).isEqualTo(expected.accountPosition(XYZ));
        assertThat(resumed.position(S, XYZ)).isEqualTo(expected.position(S, XYZ));
        assertThat(resumed.cash()).isEqualTo(expected.cash());
        assertThat(resumed.fees()).isEqualTo(expected.fees());
        assertThat(resumed.realizedPnl()).isEqualTo(expected.realizedPnl());
        assertThat(second.engine().orders().order(busted)).isEqualTo(uninterrupted.engine().orders().order(busted));
        assertThat(second.engine().orders().order(busted).filledQuantity()).isEqualTo(Quantity.ZERO);
        // The journal alone rebuilds the same books.
        PortfolioManager replayed = PortfolioReplay.replay(whole.read(1), Money.ofUnits(100_000),
                EngineFixtures.equities(XYZ)).portfolio();
        assertThat(replayed.cash()).isEqualTo(expected.cash());
        assertThat(replayed.accountQuantityRaw(XYZ)).isEqualTo(expected.accountQuantityRaw(XYZ));
        assertThat(replayed.position(S, XYZ).costBasis()).isEqualTo(expected.position(S, XYZ).costBasis());
    }

    @Test
    void anOrderTheAdapterProvesNeverLeftIsRejectedAndTheRunCarriesOn() {
        // s-2, not s-3: the journal's last order is held back at a resume and sent then if the venue lacks it.
        ClientOrderId lost = ClientOrderId.of("s-2");
        MemoryJournalStore store = crashedAfterThreeBars(lost);
        List<RunRecovery> recovery = new ArrayList<>();
        Run second = resume(store, CompletableFuture::completedFuture, recovery, lost, true);

        assertThat(recovery.getFirst().outcome()).as(recovery.getFirst().detail()).isEqualTo(RunRecovery.Outcome.RECONCILED);
        assertThat(second.engine().orders().order(lost).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(store.records).filteredOn(r -> r.type().equals("OrderRejected"))
                .singleElement().extracting(r -> ((OrderRejected) RunJournal.decoder().decode(r.type(), r.payload())).reason())
                .asString().contains("not sent").contains("before it left for the broker");
        // s-1 filled before the crash, s-3 and s-4 after it; s-2 never reached the venue; s-5 is still working.
        assertThat(second.engine().portfolio().accountQuantityRaw(XYZ)).isEqualTo(Quantity.ofUnits(3).raw());
        assertThat(second.engine().risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.ACTIVE);
        assertThat(second.venue().submitted).doesNotContain(lost).contains(ClientOrderId.of("s-3"), ClientOrderId.of("s-5"));
        // The rejection is journaled: the journal alone rebuilds the same books.
        assertThat(JournalVerifier.verify(store).ok()).isTrue();
    }

    @Test
    void fillsTheVenueReportsAgainAtTheResumeAreNotCountedAsPositionByTheReconciliation() {
        MemoryJournalStore store = crashedAfterThreeBars();
        Run second = run(store, JournaledBroker.Phase.REPLAYING);
        second.venue().reportsFillsAgainWhenAsked = true;
        RunRecovery resumed = new RunRecovery(second.engine(), second.gate(), second.journal(), store.read(2), "t",
                Duration.ofSeconds(1), () -> { });
        resumed.attach();
        EngineFixtures.runBacktest(second.engine(), bars(5));
        resumed.atEnd();
        second.journal().close();

        // The two fills booked before the crash arrive again while the venue is asked: in flight, but already booked,
        // so they are no position the engine is about to take.
        assertThat(resumed.outcome()).as(resumed.detail()).isEqualTo(RunRecovery.Outcome.RECONCILED);
        assertThat(second.events()).filteredOn(e -> e instanceof FillBooked)
                .extracting(e -> ((FillBooked) e).fill().tradeId()).doesNotHaveDuplicates();
        assertThat(second.engine().risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aHaltedResumeClosesTheOrderHeldBackThatItsHaltCanceledAsCanceledAndSendsItsCancelNowhere() {
        // s-3, the journal's last order, never left: held back at the resume, refused when the venue differs.
        ClientOrderId lost = ClientOrderId.of("s-3");
        MemoryJournalStore store = crashedAfterThreeBars(lost);
        List<RunRecovery> recovery = new ArrayList<>();
        Run second = resumeAtAVenueHoldingSeven(store, recovery, lost, false);

        assertThat(recovery.getFirst().outcome()).isEqualTo(RunRecovery.Outcome.HALTED_UNRECONCILED);
        // The halt canceled it while it was held back: it ends canceled, never sent, and its cancel goes nowhere.
        assertClosedAsCanceledAndNeverAtTheVenue(second, store, lost);
    }

    @Test
    void anOrderTheAdapterProvesNeverLeftIsClosedWithoutAnAnomalyWhenTheResumeHaltsForAnotherDifference() {
        ClientOrderId lost = ClientOrderId.of("s-2");
        MemoryJournalStore store = crashedAfterThreeBars(lost);
        List<RunRecovery> recovery = new ArrayList<>();
        Run second = resumeAtAVenueHoldingSeven(store, recovery, lost, true);

        assertThat(recovery.getFirst().outcome()).isEqualTo(RunRecovery.Outcome.HALTED_UNRECONCILED);
        assertThat(recovery.getFirst().detail()).contains("position XYZ").doesNotContain("s-2");
        // Closed after the halt's cancels: canceled (its cancel was pending), never sent, no cancel sent for it.
        assertClosedAsCanceledAndNeverAtTheVenue(second, store, lost);
    }

    /** A resume whose venue answers a position of 7 the engine does not have: it halts. */
    private static Run resumeAtAVenueHoldingSeven(MemoryJournalStore store, List<RunRecovery> recovery,
                                                  ClientOrderId lost, boolean recordsSends) {
        return resume(store, state -> CompletableFuture.completedFuture(new BrokerState(state.openOrders(),
                Map.of(XYZ, Quantity.ofUnits(7)), state.knownOrders())), recovery, lost, recordsSends);
    }

    private static void assertClosedAsCanceledAndNeverAtTheVenue(Run second, MemoryJournalStore store, ClientOrderId lost) {
        assertThat(second.engine().orders().order(lost).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(second.events()).noneMatch(e -> e instanceof AnomalyFlagged);
        assertThat(second.venue().submitted).doesNotContain(lost);
        assertThat(second.venue().canceled).doesNotContain(lost);
        assertThat(JournalVerifier.verify(store).ok()).isTrue();
    }

    @Test
    void anOrderTheVenueLacksThatTheAdapterCannotVouchForHaltsTheAccount() {
        // s-2, not s-3: the journal's last order is held back at a resume and sent then if the venue lacks it.
        ClientOrderId lost = ClientOrderId.of("s-2");
        MemoryJournalStore store = crashedAfterThreeBars(lost);
        List<RunRecovery> recovery = new ArrayList<>();
        Run second = resume(store, CompletableFuture::completedFuture, recovery, lost, false);

        assertThat(recovery.getFirst().outcome()).isEqualTo(RunRecovery.Outcome.HALTED_UNRECONCILED);
        assertThat(recovery.getFirst().detail()).contains("order s-2 is open in the engine (SUBMITTED) but not working at the broker");
        assertThat(second.engine().risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void aBrokerThatCannotBeAskedIsUnknownNeverFlatAndTheAccountHalts() {
        MemoryJournalStore store = crashedAfterThreeBars();
        List<RunRecovery> recovery = new ArrayList<>();
        Run second = resume(store, state -> CompletableFuture.failedFuture(new IOException("connection refused")),
                recovery);

        assertThat(recovery.getFirst().outcome()).isEqualTo(RunRecovery.Outcome.HALTED_UNRECONCILED);
        BrokerReconciled reconciled = second.events().stream().filter(e -> e instanceof BrokerReconciled)
                .map(e -> (BrokerReconciled) e).findFirst().orElseThrow();
        assertThat(reconciled.matched()).isFalse();
        assertThat(reconciled.mismatches()).singleElement().asString().contains("unknown").contains("connection refused");
        assertThat(second.engine().risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
        assertThat(second.engine().risk().states().reason(RiskScope.ACCOUNT)).isEqualTo(TradingStateReason.RECONCILIATION_FAILED);
        // The replay rebuilt the three orders the venue had; nothing new reached it.
        assertThat(second.venue().submitted).hasSize(3);
        assertThat(second.events()).filteredOn(e -> e instanceof OrderDenied)
                .extracting(e -> ((OrderDenied) e).reasonCode()).containsOnly(RiskReason.TRADING_HALTED).hasSize(2);
        // The halt canceled the third order before it could fill: two fills, as before the crash.
        assertThat(second.events()).filteredOn(e -> e instanceof FillBooked).hasSize(2);
    }

    @Test
    void aBrokerHoldingAPositionTheEngineDoesNotKnowHaltsTheAccount() {
        MemoryJournalStore store = crashedAfterThreeBars();
        List<RunRecovery> recovery = new ArrayList<>();
        Run second = resume(store, state -> CompletableFuture.completedFuture(new BrokerState(state.openOrders(),
                Map.of(XYZ, Quantity.ofUnits(7)), state.knownOrders())), recovery);

        assertThat(recovery.getFirst().outcome()).isEqualTo(RunRecovery.Outcome.HALTED_UNRECONCILED);
        assertThat(recovery.getFirst().detail()).contains("position XYZ: 2 in the engine, 7 at the broker");
        assertThat(second.engine().risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
        assertThat(second.venue().submitted).hasSize(3);
    }

    @Test
    void aBrokerKnowingAnOrderIdTheJournalLacksHaltsTheAccount() {
        MemoryJournalStore store = crashedAfterThreeBars();
        List<RunRecovery> recovery = new ArrayList<>();
        // Open orders and positions agree; the venue has also received an order the journal never held (cut off).
        Run second = resume(store, state -> {
            Set<ClientOrderId> known = new HashSet<>(state.knownOrders());
            known.add(ClientOrderId.of("s-40"));
            return CompletableFuture.completedFuture(new BrokerState(state.openOrders(), state.positions(), known));
        }, recovery);

        assertThat(recovery.getFirst().outcome()).isEqualTo(RunRecovery.Outcome.HALTED_UNRECONCILED);
        assertThat(recovery.getFirst().detail()).contains("1 client order id(s) the broker has received are not in the journal (s-40)");
        BrokerReconciled reconciled = second.events().stream().filter(e -> e instanceof BrokerReconciled)
                .map(e -> (BrokerReconciled) e).findFirst().orElseThrow();
        assertThat(reconciled.matched()).isFalse();
        assertThat(second.engine().risk().states().state(RiskScope.ACCOUNT)).isEqualTo(TradingState.HALTED);
        assertThat(second.engine().risk().states().reason(RiskScope.ACCOUNT)).isEqualTo(TradingStateReason.RECONCILIATION_FAILED);
        assertThat(second.venue().submitted).as("nothing new reaches the venue").hasSize(3);
    }

    @Test
    void aJournalThatDoesNotMatchTheReExecutionIsRefused() {
        MemoryJournalStore store = crashedAfterThreeBars();
        // Forge the tail: the journal claims a different quantity for the second order.
        MemoryJournalStore forged = new MemoryJournalStore();
        byte[] previous = JournalRecord.GENESIS;
        boolean changed = false;
        for (JournalRecord r : store.records) {
            byte[] payload = r.payload();
            if (!changed && r.type().equals("SubmitOrder")
                    && RunJournal.decoder().decode(r.type(), payload) instanceof SubmitOrder s && s.orderId().value().equals("s-2")) {
                payload = RecordCodec.encode(new SubmitOrder(s.strategyId(), s.orderId(),
                        s.request().withQuantity(s.request().quantity().plus(s.request().quantity())), s.arrivalPrice(),
                        s.timestamp()));
                changed = true;
            }
            JournalRecord copy = JournalRecord.chained(previous, r.sequence(), r.engineTime(), r.wallTime(), r.type(), payload);
            previous = copy.hash();
            forged.records.add(copy);
        }
        assertThat(changed).isTrue();
        List<RunRecovery> recovery = new ArrayList<>();
        Run second = resume(forged, CompletableFuture::completedFuture, recovery);

        assertThat(recovery.getFirst().outcome()).isEqualTo(RunRecovery.Outcome.REFUSED);
        assertThat(recovery.getFirst().detail()).contains("differs").contains("quantity=2").contains("quantity=1");
        assertThat(second.engine().stopRequested()).isTrue();
    }
}
