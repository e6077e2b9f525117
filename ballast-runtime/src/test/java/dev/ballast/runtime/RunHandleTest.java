package dev.ballast.runtime;

import java.util.concurrent.atomic.AtomicLong;
import dev.ballast.model.Money;
import static org.assertj.core.api.Assertions.tuple;
import dev.ballast.engine.data.MarketDataFiles;
import dev.ballast.engine.data.MarketDataSource;
import dev.ballast.engine.data.SkippedRows;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.store.JournalStore;
import dev.ballast.engine.journal.codec.RecordDecoder;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.strategy.StrategyState;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Position;
import dev.ballast.model.RunMode;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.HaltTrading;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.OpenOrdersOnStop;
import dev.ballast.model.event.OperatorCommandRefused;
import dev.ballast.model.event.QuarantineStrategy;
import dev.ballast.model.event.ReduceOnly;
import dev.ballast.model.event.StopEngine;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.StrategyUnquarantined;
import dev.ballast.model.event.TradingStateChanged;
import dev.ballast.model.event.UnquarantineStrategy;
import dev.ballast.runtime.journal.JournalAccess;
import dev.ballast.runtime.journal.RunJournals;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.RunPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A paper run at max speed driven through its {@link RunHandle}: its feed is held at a gate while the test sends
 * commands, takes a snapshot and stops it, so that every step waits for something observable, never for time.
 */
class RunHandleTest {
    private static final StrategyId SMA = StrategyId.of("sma");

    @TempDir
    Path dir;

    private RunPlan plan(String extra) throws IOException {
        return plan(extra, "", "");
    }

    /** The example configuration on its data, with {@code from} replaced by {@code to} and {@code extra} added. */
    private RunPlan plan(String extra, String from, String to) throws IOException {
        Path data = Path.of("..", "examples", "data", "daily-5.csv").toAbsolutePath().normalize();
        String example = Files.readString(Path.of("..", "examples", "sma-crossover.yaml"));
        assertThat(example).contains(from);
        Path config = dir.resolve("paper.yaml");
        Files.writeString(config, example.replace("files: [data/daily-5.csv]", "files: [" + data + "]")
                .replaceAll("output: [^\\n]*", "output: out").replace(from, to) + extra);
        return RunPlanner.plan(config);
    }

    /** A listener that keeps what it hears and lets the test wait for an event it expects. */
    private static final class Heard implements RunListener {
        final List<EngineEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onEvent(EngineEvent event) {
            events.add(event);
        }

        @Override
        public void onClosed() {
            closed.countDown();
        }

        void await(Predicate<EngineEvent> expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (events.stream().noneMatch(expected)) {
                assertThat(System.nanoTime()).as("never heard the expected event").isLessThan(deadline);
                Thread.sleep(2);
            }
        }

        <T> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** The plan's data, held after {@code open} events until {@link #release}. */
    private static final class GatedSource implements MarketDataSource {
        private final MarketDataSource data;
        private final long open;
        private final CountDownLatch gate = new CountDownLatch(1);
        private long given;

        GatedSource(RunPlan plan, long open) {
            this.data = MarketDataFiles.openAll(plan.dataFiles(), plan.dataKind(), plan.csvOptions());
            this.open = open;
        }

        @Override
        public MarketData next() {
            if (given++ == open) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return data.next();
        }

        void release() {
            gate.countDown();
        }

        @Override
        public SkippedRows skippedRows() {
            return data.skippedRows();
        }

        @Override
        public void close() {
            data.close();
        }
    }

    @Test
    void commandsSnapshotAndStopThroughTheHandleAreJournaledWithTheirOperators() throws Exception {
        RunPlan plan = plan("");
        GatedSource source = new GatedSource(plan, 600);
        Path out = dir.resolve("run");
        Run run = Run.of(plan, RunMode.PAPER).output(out).speed(0).source(() -> source).build();
        RunHandle handle = run.handle();
        Heard heard = new Heard();
        handle.subscribe(heard);
        CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(run::execute);

        heard.await(FillBooked.class::isInstance);
        handle.post(new ReduceOnly(SMA, "alice", "watch it", handle.now()));
        handle.post(new HaltTrading(null, "alice", "end of the session", handle.now()));
        handle.post(new QuarantineStrategy(SMA, "bob", "looks wrong", handle.now()));
        handle.post(new UnquarantineStrategy(SMA, "bob", "checked", handle.now()));
        heard.await(StrategyUnquarantined.class::isInstance);
        RunSnapshot snapshot = handle.snapshot();
        handle.stop("carol", "test over");
        source.release();
        RunOutcome outcome = running.get(120, TimeUnit.SECONDS);

        // The commands took effect, in order, each attributed to its operator.
        assertThat(heard.of(TradingStateChanged.class)).extracting(TradingStateChanged::to, TradingStateChanged::detail)
                .startsWith(tuple(TradingState.REDUCE_ONLY, "reduce-only by alice: watch it"),
                        tuple(TradingState.HALTED, "halted by alice: end of the session"));
        assertThat(heard.of(StrategyQuarantined.class)).singleElement()
                .satisfies(q -> assertThat(q.detail()).isEqualTo("looks wrong (by bob)"));
        assertThat(heard.of(StrategyUnquarantined.class)).singleElement()
                .satisfies(u -> assertThat(u.operator()).isEqualTo("bob"));

        // The snapshot agrees with the events that came before it, and with the states the commands set.
        assertThat(snapshot.ended()).isFalse();
        assertThat(snapshot.accountRisk().state()).isEqualTo(TradingState.HALTED);
        assertThat(snapshot.strategy(SMA).state()).isEqualTo(StrategyState.ACTIVE);
        assertThat(snapshot.strategy(SMA).risk().state()).isEqualTo(TradingState.REDUCE_ONLY);
        List<FillBooked> fillsBefore = fillsUpTo(heard.events, snapshot);
        assertThat(snapshot.recentFills()).isEqualTo(fillsBefore.subList(Math.max(0, fillsBefore.size() - 100),
                fillsBefore.size()));
        assertThat(quantities(snapshot.positions())).isEqualTo(netFilled(fillsBefore));
        assertThat(snapshot.account().equity()).isEqualTo(snapshot.account().cash().plus(marketValue(snapshot.positions())));
        assertThat(snapshot.journal()).isNotNull();

        // Stopped through the handle: open orders canceled (the default), the end record says who and why.
        assertThat(outcome.stoppedBy()).isNotNull();
        assertThat(outcome.stoppedBy().operator()).isEqualTo("carol");
        assertThat(outcome.engine().orders().openOrders()).isEmpty();
        assertThat(handle.ended()).isTrue();
        assertThat(handle.snapshot().ended()).isTrue();
        assertThat(handle.snapshot().account().equity()).isEqualTo(outcome.result().finalEquity());
        assertThat(heard.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> handle.post(new HaltTrading(null, "dave", "late", 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");

        List<Object> journal = journal(out);
        assertThat(journal).filteredOn(HaltTrading.class::isInstance).singleElement()
                .satisfies(h -> assertThat(((HaltTrading) h).operator()).isEqualTo("alice"));
        assertThat(journal).filteredOn(QuarantineStrategy.class::isInstance).singleElement()
                .satisfies(q -> assertThat(((QuarantineStrategy) q).operator()).isEqualTo("bob"));
        assertThat(journal).filteredOn(UnquarantineStrategy.class::isInstance).hasSize(1);
        assertThat(journal).filteredOn(ReduceOnly.class::isInstance).hasSize(1);
        assertThat(journal).filteredOn(StopEngine.class::isInstance).singleElement()
                .satisfies(s -> assertThat(((StopEngine) s).operator()).isEqualTo("carol"));
        assertThat(journal.getLast()).isInstanceOfSatisfying(RunJournal.RunStopped.class, stopped -> {
            assertThat(stopped.operator()).isEqualTo("carol");
            assertThat(stopped.openOrders()).isEqualTo(OpenOrdersOnStop.CANCEL);
            assertThat(stopped.end().equity()).isEqualTo(outcome.result().finalEquity());
        });
        assertThat(journal).noneMatch(RunJournal.RunFinished.class::isInstance);
    }

    @Test
    void unquarantiningAStrategyThatIsNotQuarantinedIsRefusedWithWhy() throws Exception {
        RunPlan plan = plan("");
        GatedSource source = new GatedSource(plan, 50);
        Run run = Run.of(plan, RunMode.PAPER).speed(0).source(() -> source).build();
        Heard heard = new Heard();
        run.handle().subscribe(heard);
        // Posted before the engine starts: handled first.
        run.handle().post(new UnquarantineStrategy(SMA, "erin", "bring it back", 0));
        CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(run::execute);

        heard.await(OperatorCommandRefused.class::isInstance);
        run.handle().stop("erin", "done");
        source.release();
        running.get(120, TimeUnit.SECONDS);

        assertThat(heard.of(OperatorCommandRefused.class)).singleElement().satisfies(refused -> {
            assertThat(refused.operator()).isEqualTo("erin");
            assertThat(refused.detail()).isEqualTo("strategy sma is not quarantined");
        });
    }

    @Test
    void aCommandNamingAStrategyTheRunDoesNotHaveIsRefusedByName() throws Exception {
        Run run = Run.of(plan(""), RunMode.PAPER).speed(0).build();

        assertThatThrownBy(() -> run.handle().post(new HaltTrading(StrategyId.of("nope"), "frank", "x", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HaltTrading names strategy 'nope', which is not in run sma-crossover");
    }

    @Test
    void aStoppedRunLeavesItsOpenOrdersWhenConfiguredTo() throws Exception {
        RunPlan plan = plan("", "paper:\n  speed: max\n", "paper:\n  speed: max\n  onStop: leave\n");
        assertThat(plan.onStop()).isEqualTo(OpenOrdersOnStop.LEAVE);
        Run run = Run.of(plan, RunMode.PAPER).output(dir.resolve("leave")).speed(0).build();
        run.handle().stop("gina", "at once");

        RunOutcome outcome = run.execute();

        assertThat(outcome.stoppedBy().openOrders()).isEqualTo(OpenOrdersOnStop.LEAVE);
        assertThat(journal(dir.resolve("leave")).getLast()).isInstanceOfSatisfying(RunJournal.RunStopped.class,
                stopped -> assertThat(stopped.openOrders()).isEqualTo(OpenOrdersOnStop.LEAVE));
    }

    private static List<FillBooked> fillsUpTo(List<EngineEvent> events, RunSnapshot snapshot) {
        List<FillBooked> out = new ArrayList<>();
        for (EngineEvent event : events) {
            if (event.timestamp() > snapshot.time()) break;
            if (event instanceof FillBooked booked) out.add(booked);
        }
        return out;
    }

    private static Map<Symbol, Long> netFilled(List<FillBooked> fills) {
        Map<Symbol, Long> out = new HashMap<>();
        for (FillBooked booked : fills) {
            long quantity = booked.fill().quantity().raw();
            out.merge(booked.fill().symbol(), booked.fill().side() == OrderSide.BUY ? quantity : -quantity, Long::sum);
        }
        out.values().removeIf(q -> q == 0);
        return out;
    }

    private static Map<Symbol, Long> quantities(Map<Symbol, Position> positions) {
        Map<Symbol, Long> out = new HashMap<>();
        positions.forEach((symbol, position) -> {
            if (position.quantity().raw() != 0) out.put(symbol, position.quantity().raw());
        });
        return out;
    }

    private static Money marketValue(Map<Symbol, Position> positions) {
        Money total = Money.ZERO;
        for (Position position : positions.values()) {
            if (position.quantity().raw() == 0) continue;
            total = total.plus(position.costBasis().plus(position.unrealizedPnl()));
        }
        return total;
    }

    private static List<Object> journal(Path run) {
        List<Object> out = new ArrayList<>();
        RecordDecoder decoder = RunJournal.decoder();
        try (JournalStore store = RunJournals.openForAudit(run, JournalAccess.NONE)) {
            Iterator<JournalRecord> records = store.read(1);
            while (records.hasNext()) {
                JournalRecord record = records.next();
                out.add(decoder.decode(record.type(), record.payload()));
            }
        }
        return out;
    }

    /** Stuck in its first event until released; counts what it hears and what it lost. */
    private static final class StuckListener implements RunListener {
        final CountDownLatch release = new CountDownLatch(1);
        final List<EngineEvent> events = new CopyOnWriteArrayList<>();
        final AtomicLong lost = new AtomicLong();

        @Override
        public void onEvent(EngineEvent event) {
            events.add(event);
            if (events.size() == 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onLost(long count) {
            lost.addAndGet(count);
        }
    }

    @Test
    void aStuckSubscriberDoesNotHoldUpTheRunAndIsToldHowManyEventsItLost() throws Exception {
        Run run = Run.of(plan(""), RunMode.PAPER).speed(0).build();
        Heard everything = new Heard();
        run.handle().subscribe(everything);
        StuckListener stuck = new StuckListener();
        RunHandle.Subscription subscription = run.handle().subscribe(stuck, 16);

        // The run goes to its end while the listener is stuck in its first event.
        RunOutcome outcome = run.execute();
        stuck.release.countDown();
        assertThat(subscription.awaitClosed(Duration.ofSeconds(30))).isTrue();

        assertThat(outcome.result().fills()).isPositive();
        assertThat(everything.closed.await(30, TimeUnit.SECONDS)).isTrue();
        long total = everything.events.size();
        assertThat(stuck.lost.get()).isPositive().isEqualTo(subscription.lost());
        assertThat(stuck.events.size() + stuck.lost.get()).isEqualTo(total);
        // It heard the first event, then the 16 its buffer held, in the order they happened; the rest was lost.
        assertThat(stuck.events).hasSize(1 + 16).isEqualTo(everything.events.subList(0, 1 + 16));
    }

    @Test
    void aPaperOnStopOtherThanCancelOrLeaveIsRefusedByKey() {
        assertThatThrownBy(() -> plan("", "paper:\n  speed: max\n", "paper:\n  speed: max\n  onStop: flatten\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("paper.onStop").hasMessageContaining("must be 'cancel' or 'leave', was 'flatten'");
    }

    @Test
    void awaitEndReturnsOnceTheRunIsOver() throws Exception {
        Run run = Run.of(plan(""), RunMode.PAPER).speed(0).build();
        run.execute();
        assertThat(run.handle().awaitEnd(Duration.ofSeconds(1))).isTrue();
    }
}
