package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.ReplaceRejected;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a venue's refusal of an order request at the message level, a session Reject (35=3, which names only the
 * refused message's sequence number) or a BusinessMessageReject (35=j, which names its ClOrdID), into the broker
 * report the engine waits for; without it the order would wait for an answer that never comes. The sequence numbers of
 * the latest order requests sent are remembered for that (a bounded number: a reject comes at once or not at all).
 *
 * <p>Threading: {@link #sent} on the sender thread (and the session thread for resends), the rejects on the session
 * thread; the map is synchronized.
 */
final class RequestRejects {
    private static final int REMEMBERED = 10_000;

    private record Sent(String msgType, String clOrdId) {
    }

    private final Map<Integer, Sent> bySequence = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Sent> eldest) {
            return size() > REMEMBERED;
        }
    });
    private final OrderChains chains;
    private final Clock clock;
    private final BrokerReportSink sink;

    RequestRejects(OrderChains chains, Clock clock, BrokerReportSink sink) {
        this.chains = chains;
        this.clock = clock;
        this.sink = sink;
    }

    /** An application message leaves: remember it if it is an order request. */
    void sent(Message message) throws FieldNotFound {
        String type = message.getHeader().getString(MsgType.FIELD);
        if (isOrderRequest(type)) {
            bySequence.put(message.getHeader().getInt(MsgSeqNum.FIELD), new Sent(type, message.getString(ClOrdID.FIELD)));
        }
    }

    /** A session Reject of the message {@code refSeqNum}. */
    void sessionReject(int refSeqNum, String reason) {
        Sent sent = bySequence.remove(refSeqNum);
        if (sent != null) report(sent.msgType(), sent.clOrdId(), reason);
    }

    /** A BusinessMessageReject of a message of type {@code refMsgType} naming {@code refId} (its ClOrdID). */
    void businessReject(String refMsgType, String refId, String reason) {
        if (isOrderRequest(refMsgType) && refId != null) report(refMsgType, refId, reason);
    }

    private void report(String msgType, String clOrdId, String reason) {
        ClientOrderId orderId = chains.resolve(clOrdId);
        long now = clock.nanos();
        String why = "the venue rejected the message: " + reason;
        switch (msgType) {
            case MsgType.NEW_ORDER_SINGLE -> sink.report(new OrderRejected(orderId, why, now));
            case MsgType.ORDER_CANCEL_REQUEST -> sink.report(new CancelRejected(orderId, why, now));
            case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> sink.report(new ReplaceRejected(orderId, why, now));
            default -> throw new IllegalArgumentException("not an order request: " + msgType);
        }
    }

    private static boolean isOrderRequest(String msgType) {
        return MsgType.NEW_ORDER_SINGLE.equals(msgType) || MsgType.ORDER_CANCEL_REQUEST.equals(msgType)
                || MsgType.ORDER_CANCEL_REPLACE_REQUEST.equals(msgType);
    }
}
