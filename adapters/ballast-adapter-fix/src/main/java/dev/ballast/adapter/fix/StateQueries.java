package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerState;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.LastRptRequested;
import quickfix.field.LeavesQty;
import quickfix.field.LongQty;
import quickfix.field.MassStatusReqID;
import quickfix.field.NoPositions;
import quickfix.field.OrdStatus;
import quickfix.field.OrdStatusReqID;
import quickfix.field.PosReqID;
import quickfix.field.PosReqResult;
import quickfix.field.ShortQty;
import quickfix.field.TotNumReports;
import quickfix.field.TotalNumPosReports;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The reconciliation questions in flight, and the routing of the venue's answers to them: ExecutionReports with
 * ExecType I (mass status by MassStatusReqID, order status by OrdStatusReqID), PositionReports and their acks by
 * PosReqID, and rejects of a request. Request ids are {@code <query id>-AF}, {@code <query id>-AN} and
 * {@code <query id>-H<n>}, so each answer finds its question.
 *
 * <p>Threading: {@link #start} on the engine thread, answers on the session thread, timeouts on a timer thread.
 */
final class StateQueries {
    /** Sends one query's requests: the mass status request and the request for positions. */
    interface Requests {
        void massStatus(String requestId, Consumer<String> notSent);

        void positions(String requestId, Consumer<String> notSent);

        void orderStatus(WorkingTerms order, String requestId, Consumer<String> notSent);
    }

    private final Map<String, VenueStateQuery> pending = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String prefix;
    private final Duration timeout;
    private final Requests requests;
    private final OrderChains chains;

    StateQueries(String prefix, Duration timeout, Requests requests, OrderChains chains) {
        this.prefix = prefix;
        this.timeout = timeout;
        this.requests = requests;
        this.chains = chains;
    }

    CompletableFuture<BrokerState> start() {
        VenueStateQuery query = new VenueStateQuery(prefix + sequence.incrementAndGet());
        pending.put(query.id, query);
        query.future.whenComplete((state, failure) -> pending.remove(query.id));
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!query.future.isDone()) {
                query.fail("the venue did not answer within " + timeout.toMillis() + " ms: " + query.unanswered());
            }
        });
        requests.massStatus(query.id + "-AF", why -> query.fail("the order mass status request was " + why));
        requests.positions(query.id + "-AN", why -> query.fail("the request for positions was " + why));
        return query.future;
    }

    /** Fails every open question: the session went down before the venue answered. */
    void failAll(String why) {
        for (VenueStateQuery query : List.copyOf(pending.values())) query.fail(why + ": " + query.unanswered());
    }

    /** An ExecutionReport with ExecType I: a mass status answer, an order status answer, or unasked. */
    void onStatusReport(Message report) throws FieldNotFound {
        String clOrdId = report.isSetField(ClOrdID.FIELD) ? report.getString(ClOrdID.FIELD) : null;
        ClientOrderId order = clOrdId == null ? null : chains.resolve(clOrdId);
        char status = report.getChar(OrdStatus.FIELD);
        boolean working = isWorking(status);
        Quantity leaves = report.isSetField(LeavesQty.FIELD) ? FixFields.quantity(report, LeavesQty.FIELD) : Quantity.ZERO;
        if (report.isSetField(MassStatusReqID.FIELD)) {
            VenueStateQuery query = queryOf(report.getString(MassStatusReqID.FIELD));
            if (query == null) return;
            int total = report.isSetField(TotNumReports.FIELD) ? report.getInt(TotNumReports.FIELD) : -1;
            boolean last = report.isSetField(LastRptRequested.FIELD) && report.getBoolean(LastRptRequested.FIELD);
            query.massStatusReport(order, working, leaves, total, last);
            return;
        }
        if (clOrdId == null) return;
        VenueStateQuery query = report.isSetField(OrdStatusReqID.FIELD) ? queryOf(report.getString(OrdStatusReqID.FIELD))
                : pending.values().stream().filter(q -> q.awaitsStatusOf(clOrdId)).findFirst().orElse(null);
        // A venue answers an order it does not know with OrdStatus 8 (rejected).
        if (query != null) query.orderStatusReport(clOrdId, order, status != OrdStatus.REJECTED, working, leaves);
    }

    /** A PositionReport (35=AP). */
    void onPositionReport(Message report) throws FieldNotFound {
        VenueStateQuery query = queryOf(report.getString(PosReqID.FIELD));
        if (query == null) return;
        Quantity net = Quantity.ZERO;
        if (report.hasGroup(NoPositions.FIELD)) {
            for (Group position : report.getGroups(NoPositions.FIELD)) {
                if (position.isSetField(LongQty.FIELD)) net = net.plus(FixFields.quantity(position, LongQty.FIELD));
                if (position.isSetField(ShortQty.FIELD)) net = net.minus(FixFields.quantity(position, ShortQty.FIELD));
            }
        }
        int total = report.isSetField(TotalNumPosReports.FIELD) ? report.getInt(TotalNumPosReports.FIELD) : -1;
        query.positionReport(Symbol.of(report.getString(quickfix.field.Symbol.FIELD)), net, total);
    }

    /** A RequestForPositionsAck (35=AO): no positions, or the request refused; a valid ack with reports to come is ignored. */
    void onPositionsAck(Message ack) throws FieldNotFound {
        VenueStateQuery query = queryOf(ack.getString(PosReqID.FIELD));
        if (query == null) return;
        int result = ack.getInt(PosReqResult.FIELD);
        int total = ack.isSetField(TotalNumPosReports.FIELD) ? ack.getInt(TotalNumPosReports.FIELD) : -1;
        if (result == PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA || result == PosReqResult.VALID_REQUEST && total == 0) {
            query.noPositions();
        } else if (result != PosReqResult.VALID_REQUEST) {
            query.fail("the venue refused the request for positions (35=AO PosReqResult " + result + ")");
        }
    }

    /**
     * The venue rejected a request (35=3 or 35=j). A refused mass status request is asked again order by order
     * (35=H per order the adapter knows of); a refused request for positions fails the question.
     *
     * @param refId the rejected request's id where the reject names it (35=j), or {@code null} (35=3: all open questions)
     */
    void onRequestRejected(String refMsgType, String refId, String reason) {
        for (VenueStateQuery query : List.copyOf(pending.values())) {
            if (refId != null && !refId.startsWith(query.id + "-")) continue;
            if ("AF".equals(refMsgType)) askOrderByOrder(query);
            if ("AN".equals(refMsgType)) query.fail("the venue rejected the request for positions (35=AN): " + reason);
            if ("H".equals(refMsgType)) query.fail("the venue rejected an order status request (35=H): " + reason);
        }
    }

    private void askOrderByOrder(VenueStateQuery query) {
        if (query.ordersPart() != VenueStateQuery.OrdersPart.AWAITING_MASS_STATUS) return;
        List<WorkingTerms> orders = chains.allTerms();
        query.askOrderByOrder(orders.stream().map(WorkingTerms::liveClOrdId).toList());
        int n = 0;
        for (WorkingTerms order : orders) {
            requests.orderStatus(order, query.id + "-H" + (++n),
                    why -> query.fail("the order status request for " + order.orderId() + " was " + why));
        }
    }

    private VenueStateQuery queryOf(String requestId) {
        int dash = requestId.lastIndexOf('-');
        return dash < 0 ? null : pending.get(requestId.substring(0, dash));
    }

    static boolean isWorking(char ordStatus) {
        return switch (ordStatus) {
            case OrdStatus.NEW, OrdStatus.PARTIALLY_FILLED, OrdStatus.PENDING_NEW, OrdStatus.PENDING_CANCEL,
                 OrdStatus.PENDING_REPLACE, OrdStatus.REPLACED, OrdStatus.ACCEPTED_FOR_BIDDING, OrdStatus.SUSPENDED,
                 OrdStatus.CALCULATED, OrdStatus.STOPPED -> true;
            default -> false;
        };
    }

}
