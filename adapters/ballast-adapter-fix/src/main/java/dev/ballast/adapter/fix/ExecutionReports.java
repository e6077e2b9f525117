package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.OrderRestated;
import dev.ballast.model.event.ReplaceRejected;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.Commission;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecRefID;
import quickfix.field.ExecRestatementReason;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Side;
import quickfix.field.StopPx;
import quickfix.field.Text;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Turns ExecutionReports (35=8) and OrderCancelRejects (35=9) into Ballast's broker reports. Each ExecID is handled
 * once, ever, in this process: a venue's resend (PossDup) or a repeated report books nothing twice; the engine also
 * drops a fill whose trade id ({@code <TargetCompID>-<ExecID>}) it has booked, across restarts.
 *
 * <p>Order status reports (ExecType I) never come here: they answer a state query and book nothing.
 *
 * <p>Threading: the session thread only (QuickFIX/J delivers a session's messages one at a time).
 */
final class ExecutionReports {
    private static final Logger LOG = Logger.getLogger(ExecutionReports.class.getName());

    private final String venue;
    private final OrderChains chains;
    private final Clock clock;
    private final BrokerReportSink sink;
    private final Set<String> seenExecIds = ConcurrentHashMap.newKeySet();

    ExecutionReports(String venue, OrderChains chains, Clock clock, BrokerReportSink sink) {
        this.venue = venue;
        this.chains = chains;
        this.clock = clock;
        this.sink = sink;
    }

    void onExecutionReport(Message report) throws FieldNotFound {
        String execId = report.getString(ExecID.FIELD);
        char execType = report.getChar(ExecType.FIELD);
        ClientOrderId orderId = chains.resolve(report.getString(ClOrdID.FIELD));
        if (!seenExecIds.add(execId)) {
            LOG.info(() -> "ExecutionReport " + execId + " (ExecType " + execType + ") for " + orderId
                    + " seen before (a resend): ignored");
            return;
        }
        long now = clock.nanos();
        switch (execType) {
            case ExecType.NEW -> sink.report(new OrderAccepted(orderId, report.getString(OrderID.FIELD), now));
            case ExecType.TRADE, ExecType.PARTIAL_FILL, ExecType.FILL -> fill(report, orderId, execId, now);
            case ExecType.CANCELED -> sink.report(new OrderCanceled(orderId,
                    FixFields.textOr(report, Text.FIELD, "canceled by the venue"), now));
            case ExecType.EXPIRED -> sink.report(new OrderExpired(orderId, now));
            case ExecType.DONE_FOR_DAY -> doneForDay(report, orderId, now);
            case ExecType.REPLACED -> replaced(report, orderId, now);
            case ExecType.REJECTED -> sink.report(new OrderRejected(orderId, rejectReason(report), now));
            case ExecType.TRADE_CORRECT -> {
                sink.report(new FillCorrected(orderId, tradeId(report.getString(ExecRefID.FIELD)), tradeId(execId),
                        FixFields.quantity(report, LastQty.FIELD), FixFields.price(report, LastPx.FIELD),
                        commission(report), now));
                restartCount(report, orderId);
            }
            case ExecType.TRADE_CANCEL -> {
                sink.report(new FillBusted(orderId, tradeId(report.getString(ExecRefID.FIELD)), tradeId(execId), now));
                restartCount(report, orderId);
            }
            case ExecType.RESTATED -> restated(report, orderId, now);
            // Pending states: the order's state in Ballast changes on the venue's final answer, not on these.
            case ExecType.PENDING_NEW, ExecType.PENDING_CANCEL, ExecType.PENDING_REPLACE -> { }
            default -> LOG.warning(() -> "ExecutionReport " + execId + " for " + orderId + " has ExecType " + execType
                    + ", which Ballast does not map: nothing booked");
        }
    }

    void onCancelReject(Message reject) throws FieldNotFound {
        ClientOrderId orderId = chains.resolve(FixFields.textOr(reject, OrigClOrdID.FIELD, reject.getString(ClOrdID.FIELD)));
        String reason = FixFields.textOr(reject, Text.FIELD, "CxlRejReason " + textOrNone(reject, CxlRejReason.FIELD));
        long now = clock.nanos();
        if (reject.getChar(CxlRejResponseTo.FIELD) == CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST) {
            sink.report(new ReplaceRejected(orderId, reason, now));
        } else {
            sink.report(new CancelRejected(orderId, reason, now));
        }
    }

    private void fill(Message report, ClientOrderId orderId, String execId, long now) throws FieldNotFound {
        Quantity quantity = FixFields.quantity(report, LastQty.FIELD);
        Price price = FixFields.price(report, LastPx.FIELD);
        Symbol symbol = Symbol.of(report.getString(quickfix.field.Symbol.FIELD));
        OrderSide side = report.getChar(Side.FIELD) == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
        checkProgress(report, orderId, execId, quantity);
        // A fill is money moved: it is reported even when its numbers disagree with the order's progress.
        sink.report(new Fill(orderId, tradeId(execId), symbol, side, quantity, price, commission(report), now));
    }

    /** CumQty must grow by LastQty, and CumQty + LeavesQty make the order's quantity while it works. */
    private void checkProgress(Message report, ClientOrderId orderId, String execId, Quantity lastQty)
            throws FieldNotFound {
        Quantity cumulative = FixFields.quantityOrNull(report, CumQty.FIELD);
        Quantity leaves = FixFields.quantityOrNull(report, LeavesQty.FIELD);
        if (cumulative == null || leaves == null) {
            LOG.severe(() -> "INCONSISTENT EXECUTION: fill " + execId + " for " + orderId + " lacks CumQty or LeavesQty");
            return;
        }
        Quantity before = chains.addFill(orderId, lastQty, cumulative);
        if (before != null && !before.plus(lastQty).equals(cumulative)) {
            LOG.severe(() -> "INCONSISTENT EXECUTION: fill " + execId + " for " + orderId + ": CumQty " + cumulative
                    + " but Ballast counted " + before + " + LastQty " + lastQty);
        }
        Quantity ordered = FixFields.quantityOrNull(report, OrderQty.FIELD);
        char status = report.getChar(OrdStatus.FIELD);
        boolean working = status == OrdStatus.NEW || status == OrdStatus.PARTIALLY_FILLED || status == OrdStatus.FILLED;
        if (ordered != null && working && !cumulative.plus(leaves).equals(ordered)) {
            LOG.severe(() -> "INCONSISTENT EXECUTION: fill " + execId + " for " + orderId + ": CumQty " + cumulative
                    + " + LeavesQty " + leaves + " is not OrderQty " + ordered);
        }
    }

    /**
     * A restatement (the venue changed the order on its own: a corporate action, a re-pricing) books nothing: the
     * engine has no report for a change it did not ask for, and guessing one from a restatement could book a wrong
     * quantity. It is logged loudly; a reconciliation shows any difference in open quantity.
     */
    /**
     * The venue changed the order on its own (ExecType D): its new quantity and prices stand, and the adapter's terms
     * follow, so that a later cancel or replace repeats them. A restatement that leaves the order canceled (a venue
     * canceling on a halt) is a cancel.
     */
    private void restated(Message report, ClientOrderId orderId, long now) throws FieldNotFound {
        String reason = FixFields.textOr(report, Text.FIELD,
                "ExecRestatementReason " + textOrNone(report, ExecRestatementReason.FIELD));
        if (report.isSetField(OrdStatus.FIELD) && report.getChar(OrdStatus.FIELD) == OrdStatus.CANCELED) {
            sink.report(new OrderCanceled(orderId, "restated by the venue as canceled: " + reason, now));
            return;
        }
        Quantity quantity = FixFields.quantityOrNull(report, OrderQty.FIELD);
        Price limit = FixFields.priceOrNull(report, quickfix.field.Price.FIELD);
        Price stop = FixFields.priceOrNull(report, StopPx.FIELD);
        WorkingTerms terms = chains.terms(orderId);
        if (terms != null) {
            chains.replaced(orderId, terms.liveClOrdId(), quantity != null ? quantity : terms.quantity(),
                    limit != null ? limit : terms.limitPrice(), stop != null ? stop : terms.stopPrice());
        }
        sink.report(new OrderRestated(orderId, quantity, limit, stop, reason, now));
    }

    /** A bust or correction changes the order's cumulative quantity: later fills are checked against the venue's. */
    private void restartCount(Message report, ClientOrderId orderId) throws FieldNotFound {
        Quantity cumulative = FixFields.quantityOrNull(report, CumQty.FIELD);
        if (cumulative != null) chains.setCumulative(orderId, cumulative);
    }

    private void doneForDay(Message report, ClientOrderId orderId, long now) throws FieldNotFound {
        // A GTC order outlives the day; only a DAY order ends here.
        if (timeInForce(report, orderId) == TimeInForce.DAY) sink.report(new OrderExpired(orderId, now));
    }

    private TimeInForce timeInForce(Message report, ClientOrderId orderId) throws FieldNotFound {
        if (report.isSetField(quickfix.field.TimeInForce.FIELD)) {
            return report.getChar(quickfix.field.TimeInForce.FIELD) == quickfix.field.TimeInForce.DAY
                    ? TimeInForce.DAY : TimeInForce.GTC;
        }
        WorkingTerms terms = chains.terms(orderId);
        // FIX's default time in force is DAY.
        return terms == null ? TimeInForce.DAY : terms.timeInForce();
    }

    private void replaced(Message report, ClientOrderId orderId, long now) throws FieldNotFound {
        Quantity quantity = FixFields.quantity(report, OrderQty.FIELD);
        Price limit = FixFields.priceOrNull(report, quickfix.field.Price.FIELD);
        Price stop = FixFields.priceOrNull(report, StopPx.FIELD);
        chains.replaced(orderId, report.getString(ClOrdID.FIELD), quantity, limit, stop);
        sink.report(new OrderReplaced(orderId, quantity, limit, stop, now));
    }

    private static String rejectReason(Message report) throws FieldNotFound {
        return FixFields.textOr(report, Text.FIELD, "OrdRejReason " + textOrNone(report, OrdRejReason.FIELD));
    }

    private static Money commission(Message report) throws FieldNotFound {
        return report.isSetField(Commission.FIELD) ? Money.ofRaw(FixFields.price(report, Commission.FIELD).raw()) : Money.ZERO;
    }

    private static String textOrNone(Message message, int tag) throws FieldNotFound {
        return FixFields.textOr(message, tag, "(none)");
    }

    private String tradeId(String execId) {
        return venue + "-" + execId;
    }
}
