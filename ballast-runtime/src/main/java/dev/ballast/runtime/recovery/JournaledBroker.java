package dev.ballast.runtime.recovery;

import dev.ballast.engine.journal.store.JournalException;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.ReplaceRejected;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The engine's side of the broker boundary when a run is journaled (paper, and live later): nothing reaches
 * the broker before the journal holds it, and after a restart nothing new reaches it before reconciliation.
 *
 * <ul>
 *   <li>{@link Phase#LIVE}: write-ahead. Before an order, cancel or modify goes out, the journal's last record
 *       (the order's SUBMITTED state, the request that caused it) must be durable. When it cannot be made
 *       durable in time the journal is failed (the account halts) and a new order or a modify is rejected
 *       here instead of sent; a cancel still goes, since it only takes risk off. An order whose client order
 *       id the broker already has is never sent again. The paper venue is called on the engine thread after
 *       the wait; a live venue's calls are queued to a {@link GroupCommitSender}, which waits once for a whole
 *       burst and sends in order, so the engine thread never waits on the disk.</li>
 *   <li>{@link Phase#REPLAYING}: after a restart the run is re-executed against its journal; every call
 *       goes to the broker, which is rebuilding its own state (the paper venue re-simulates; see
 *       {@link dev.ballast.engine.broker.paper.PaperBroker#attachOrderLog}).</li>
 *   <li>{@link Phase#HOLDING}: the journal's records are all matched but the broker is not reconciled yet:
 *       calls are kept back, in order, until {@link #release} (reconciled) or {@link #refuseHeld} (not).</li>
 * </ul>
 * Engine thread only, like every {@link BrokerageInterface} call.
 */
public final class JournaledBroker implements BrokerageInterface, AutoCloseable {
    /** Where the run stands with the broker. */
    public enum Phase { REPLAYING, HOLDING, LIVE }

    private sealed interface Held {
        ClientOrderId orderId();
    }

    private record HeldSubmit(Order order) implements Held {
        public ClientOrderId orderId() {
            return order.id();
        }
    }

    private record HeldCancel(ClientOrderId orderId) implements Held {
    }

    private record HeldModify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice)
            implements Held {
    }

    /** How long a call waits for its journal record to become durable before the journal counts as failed. */
    public static final Duration DEFAULT_DURABILITY_TIMEOUT = Duration.ofSeconds(5);

    private final BrokerageInterface broker;
    private final RunJournal journal;
    private final Clock clock;
    private final Duration timeout;
    private final boolean rebuildsByReplay;
    private final List<Held> held = new ArrayList<>();
    private final Set<ClientOrderId> knownAtBroker = new HashSet<>();
    /** Orders closed here that never went to the broker: a cancel or replace of one has nothing to reach there. */
    private final Set<ClientOrderId> neverSent = new HashSet<>();
    private final GroupCommitSender sender;
    private BooleanSupplier venueConnected = () -> true;
    private BrokerReportSink sink;
    private Phase phase;
    private int notSentTwice;

    /**
     * @param rebuildsByReplay whether the broker rebuilds its state after a restart from the calls of the
     *                         re-executed run (the paper venue, which lives in the engine's process); a live
     *                         venue keeps its own state, and then nothing of the replay is sent to it
     */
    public JournaledBroker(BrokerageInterface broker, RunJournal journal, Clock clock, Phase phase, Duration timeout,
                           boolean rebuildsByReplay) {
        this.rebuildsByReplay = rebuildsByReplay;
        this.broker = Objects.requireNonNull(broker, "broker");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.phase = Objects.requireNonNull(phase, "phase");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.sender = rebuildsByReplay ? null
                : new GroupCommitSender(this::writeAhead, timeout.plus(timeout), "write-ahead-gate");
    }

    public Phase phase() {
        return phase;
    }

    /**
     * How to tell whether the live venue's connection is up (its reports reach the engine only then): a reconciliation
     * with it down is not trusted, whatever a query over another channel answers. The paper venue is always up.
     */
    public void venueConnectedBy(BooleanSupplier connected) {
        venueConnected = Objects.requireNonNull(connected, "connected");
    }

    /** Whether the venue's connection is up, as far as the run knows. */
    public boolean venueConnected() {
        return venueConnected.getAsBoolean();
    }

    /** The re-execution has matched every journal record: keep calls back until reconciliation. */
    public void hold() {
        if (phase == Phase.REPLAYING) phase = Phase.HOLDING;
    }

    /**
     * Reconciliation succeeded: remember what the broker already has, go live and send what was kept back, in
     * order, each with its write-ahead wait. An order kept back that the broker already has (the process died
     * after sending it, before its later records were durable) is not new: a broker that rebuilds by replay is
     * given it as part of its rebuild; any other broker is not sent it again.
     */
    public void release(BrokerState state) {
        knownAtBroker.addAll(state.knownOrders());
        resendHeld(Phase.LIVE);
    }

    /**
     * Reconciliation failed (or the broker could not be asked): what was kept back is answered with a
     * rejection here and never sent. The phase goes LIVE so that the halted account's own cancels still go out.
     */
    public void refuseHeld(String reason) {
        refuseHeld(reason, Phase.LIVE);
    }

    /**
     * Re-executing what an earlier resume did: its reconciliation succeeded here, so what it held back went to
     * the broker now. A broker that rebuilds by replay is given those calls, in order; the replay goes on.
     */
    public void replayRelease() {
        resendHeld(Phase.REPLAYING);
    }

    /** Re-executing an earlier resume whose reconciliation failed here: answers what it held back as it did. */
    public void replayRefuse(String reason) {
        refuseHeld(reason, Phase.REPLAYING);
    }

    /** Sends what was kept back, in order, as the calls of phase {@code next} go. */
    private void resendHeld(Phase next) {
        phase = next;
        for (Held h : takeHeld()) {
            switch (h) {
                case HeldSubmit s when knownAtBroker.contains(s.orderId()) -> {
                    if (rebuildsByReplay) broker.submit(s.order());
                }
                case HeldSubmit s -> submit(s.order());
                case HeldCancel c when neverSent.contains(c.orderId()) -> { }
                case HeldCancel c -> cancel(c.orderId());
                case HeldModify m when neverSent.contains(m.orderId()) -> { }
                case HeldModify m -> modify(m.orderId(), m.quantity(), m.limitPrice(), m.stopPrice());
            }
        }
    }

    /** Rejects the orders and modifies kept back; their cancels go as the cancels of phase {@code next} go. */
    private void refuseHeld(String reason, Phase next) {
        phase = next;
        long now = clock.nanos();
        String why = "not sent: " + reason;
        List<Held> pending = takeHeld();
        // Orders with a cancel or replace held back after them: the engine has that change pending (a halt cancels
        // every open order), from which it may go to canceled, not to rejected.
        Set<ClientOrderId> changing = new HashSet<>();
        for (Held h : pending) {
            if (h instanceof HeldCancel c) changing.add(c.orderId());
            if (h instanceof HeldModify m) changing.add(m.orderId());
        }
        for (Held h : pending) {
            switch (h) {
                case HeldSubmit s -> {
                    neverSent.add(s.orderId());
                    sink.report(changing.contains(s.orderId()) ? new OrderCanceled(s.orderId(), why, now)
                            : new OrderRejected(s.orderId(), why, now));
                }
                case HeldCancel c when neverSent.contains(c.orderId()) -> { }
                case HeldCancel c -> cancel(c.orderId());
                case HeldModify m when neverSent.contains(m.orderId()) -> { }
                case HeldModify m -> sink.report(new ReplaceRejected(m.orderId(), why, now));
            }
        }
    }

    private List<Held> takeHeld() {
        List<Held> pending = List.copyOf(held);
        held.clear();
        return pending;
    }

    /** The orders kept back, not sent yet: the broker cannot know them. */
    public Set<ClientOrderId> heldOrders() {
        Set<ClientOrderId> ids = new HashSet<>();
        for (Held h : held) {
            if (h instanceof HeldSubmit s) ids.add(s.orderId());
        }
        return ids;
    }

    /** Orders not sent because the broker already had their client order id. */
    public int notSentTwice() {
        return notSentTwice;
    }

    /**
     * A live venue's reports count as received (see {@link BrokerReportSink#whenRecorded}) only once the journal holds
     * them durably; the paper venue, which rebuilds by replay, needs no such receipt.
     */
    @Override
    public void connect(BrokerReportSink sink) {
        this.sink = sink;
        if (rebuildsByReplay) {
            broker.connect(sink);
        } else {
            RecordedReports recorded = new RecordedReports(sink, journal, timeout);
            journal.onInputRecorded(recorded::journaled);
            broker.connect(recorded);
        }
    }

    @Override
    public void submit(Order order) {
        switch (phase) {
            case REPLAYING -> {
                if (rebuildsByReplay) broker.submit(order);
            }
            case HOLDING -> held.add(new HeldSubmit(order));
            case LIVE -> {
                if (knownAtBroker.contains(order.id())) {
                    notSentTwice++;
                    sink.report(new OrderRejected(order.id(), "not sent: the broker already has an order with id "
                            + order.id() + " (it is never sent twice)", clock.nanos()));
                } else {
                    knownAtBroker.add(order.id());
                    afterWriteAhead(() -> broker.submit(order), () -> sink.report(new OrderRejected(order.id(),
                            "not sent: its journal record could not be made durable", clock.nanos())));
                }
            }
        }
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        switch (phase) {
            case REPLAYING -> {
                if (rebuildsByReplay) broker.cancel(orderId);
            }
            case HOLDING -> held.add(new HeldCancel(orderId));
            case LIVE -> {
                if (neverSent.contains(orderId)) {
                    closeAgain(orderId);
                    return;
                }
                // A cancel only takes risk off: it goes even when the journal failed.
                afterWriteAhead(() -> broker.cancel(orderId), () -> broker.cancel(orderId));
            }
        }
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        switch (phase) {
            case REPLAYING -> {
                if (rebuildsByReplay) broker.modify(orderId, quantity, limitPrice, stopPrice);
            }
            case HOLDING -> held.add(new HeldModify(orderId, quantity, limitPrice, stopPrice));
            case LIVE -> {
                if (neverSent.contains(orderId)) {
                    closeAgain(orderId);
                    return;
                }
                afterWriteAhead(() -> broker.modify(orderId, quantity, limitPrice, stopPrice),
                        () -> sink.report(new ReplaceRejected(orderId,
                                "not sent: its journal record could not be made durable", clock.nanos())));
            }
        }
    }

    /**
     * Runs {@code send} once the journal's last record is durable, or {@code notDurable} when it cannot be made so: a
     * live venue's call from the group-commit sender, the paper venue's here.
     */
    private void afterWriteAhead(Runnable send, Runnable notDurable) {
        long sequence = journal.lastSequence();
        if (sender != null) {
            sender.queue(new GroupCommitSender.Call(sequence, send, notDurable));
        } else if (writeAhead(sequence)) {
            send.run();
        } else {
            notDurable.run();
        }
    }

    /** Waits until record {@code sequence} is durable; false (and the journal failed) when it is not. */
    private boolean writeAhead(long sequence) {
        if (sequence < 1) return true;
        try {
            journal.awaitDurable(sequence, timeout);
            return true;
        } catch (TimeoutException e) {
            journal.fail("record " + sequence + " not durable within " + timeout + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (JournalException e) {
            return false; // the journal has failed and told the engine already
        }
    }

    @Override
    public void onMarketData(MarketData data) {
        broker.onMarketData(data);
    }

    @Override
    public void onTime(long now) {
        broker.onTime(now);
    }

    @Override
    public CompletableFuture<BrokerState> queryState() {
        return broker.queryState();
    }

    /** Also true for an order this process passed on (it may still wait in the group-commit sender). */
    @Override
    public boolean mayHaveSent(ClientOrderId orderId) {
        return knownAtBroker.contains(orderId) || broker.mayHaveSent(orderId);
    }

    /** Lets the venue calls still waiting for the journal go (at most twice the durability timeout); then stops. */
    @Override
    public void close() {
        if (sender != null) sender.close();
    }

    /**
     * A cancel or replace of an order closed here as never sent, asked before the engine took that close: nothing
     * goes to the broker, which never had it (it would answer "unknown" and the engine take the order as working); it
     * is canceled here, which the order's pending change allows.
     */
    private void closeAgain(ClientOrderId orderId) {
        sink.report(new OrderCanceled(orderId, "not sent: the order never left for the broker", clock.nanos()));
    }

    /**
     * Closes in the engine an order that reconciliation found never left for the broker (see
     * {@link BrokerageInterface#mayHaveSent}), through the sink like any broker report, so that the journal holds it:
     * an order still SUBMITTED is rejected, one whose cancel or replace was pending is canceled.
     */
    public void closeNeverSent(Order order) {
        String why = "not sent: the run stopped after the order was journaled, before it left for the broker";
        long now = clock.nanos();
        neverSent.add(order.id());
        sink.report(order.status() == OrderStatus.SUBMITTED ? new OrderRejected(order.id(), why, now)
                : new OrderCanceled(order.id(), why, now));
    }
}
