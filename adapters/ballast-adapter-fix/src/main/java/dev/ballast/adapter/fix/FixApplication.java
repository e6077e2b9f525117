package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.Secret;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.event.BrokerConnectionChanged;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ExecType;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.Text;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The QuickFIX/J callbacks of the adapter's session: logon and logout become connection changes, the Logon gets the
 * password, and each incoming application message goes to its handler. A message that cannot be understood is logged
 * loudly with what was wrong and books nothing (QuickFIX/J would otherwise reject it to the venue and move on).
 *
 * <p>Threading: QuickFIX/J's session thread.
 */
final class FixApplication implements Application {
    private static final Logger LOG = Logger.getLogger(FixApplication.class.getName());

    private final Secret password;
    private final String venue;
    private final Clock clock;
    private final BrokerReportSink sink;
    private final ExecutionReports executions;
    private final StateQueries queries;
    private final RequestRejects requestRejects;
    private final RecordedSequence recorded;
    /** The adapter is closing: the logout that follows is its own, not a lost connection. */
    private volatile boolean closing;

    FixApplication(Secret password, String venue, Clock clock, BrokerReportSink sink, ExecutionReports executions,
                   StateQueries queries, RequestRejects requestRejects, RecordedSequence recorded) {
        this.recorded = recorded;
        this.password = password;
        this.venue = venue;
        this.clock = clock;
        this.sink = sink;
        this.executions = executions;
        this.queries = queries;
        this.requestRejects = requestRejects;
    }

    @Override
    public void onCreate(SessionID sessionId) {
    }

    @Override
    public void onLogon(SessionID sessionId) {
        LOG.info(() -> "FIX session " + sessionId + " logged on");
        sink.connectionChanged(new BrokerConnectionChanged(true, "FIX session " + sessionId + " logged on", clock.nanos()));
    }

    /** Marks the coming logout as the adapter's own (see {@link FixBroker#close}). */
    void closing() {
        closing = true;
    }

    @Override
    public void onLogout(SessionID sessionId) {
        if (closing) {
            LOG.info(() -> "FIX session " + sessionId + " logged out: the adapter closed it");
        } else {
            LOG.warning(() -> "FIX session " + sessionId + " logged out or disconnected");
        }
        queries.failAll("the FIX session to " + venue + " went down before the venue answered");
        sink.connectionChanged(new BrokerConnectionChanged(false, "FIX session " + sessionId
                + " logged out or disconnected", clock.nanos()));
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
        if (password != null && isType(message, MsgType.LOGON)) message.setString(Password.FIELD, password.reveal());
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) {
        if (isType(message, MsgType.REJECT)) {
            handle(message, () -> {
                rejected(message, null);
                if (message.isSetField(RefSeqNum.FIELD)) {
                    requestRejects.sessionReject(message.getInt(RefSeqNum.FIELD), reason(message));
                }
            });
        }
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
        handle(message, () -> requestRejects.sent(message));
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) {
        try {
            handleApp(message);
        } finally {
            // Received, as far as a restart goes, once the journal holds what it said (see RecordedSequence).
            int sequence = sequenceNumber(message);
            int generation = recorded.generation();
            if (sequence > 0) sink.whenRecorded(() -> recorded.advanceTo(generation, sequence));
        }
    }

    private static int sequenceNumber(Message message) {
        try {
            return message.getHeader().getInt(MsgSeqNum.FIELD);
        } catch (FieldNotFound e) {
            return 0;
        }
    }

    private void handleApp(Message message) {
        handle(message, () -> {
            switch (message.getHeader().getString(MsgType.FIELD)) {
                case MsgType.EXECUTION_REPORT -> {
                    if (message.getChar(ExecType.FIELD) == ExecType.ORDER_STATUS) queries.onStatusReport(message);
                    else executions.onExecutionReport(message);
                }
                case MsgType.ORDER_CANCEL_REJECT -> executions.onCancelReject(message);
                case MsgType.POSITION_REPORT -> queries.onPositionReport(message);
                case MsgType.REQUEST_FOR_POSITIONS_ACK -> queries.onPositionsAck(message);
                case MsgType.BUSINESS_MESSAGE_REJECT -> {
                    String refId = FixFields.textOr(message, BusinessRejectRefID.FIELD, null);
                    rejected(message, refId);
                    requestRejects.businessReject(FixFields.textOr(message, RefMsgType.FIELD, "?"), refId,
                            reason(message));
                }
                default -> LOG.warning(() -> "unexpected message type " + type(message) + " from " + venue + ": ignored");
            }
        });
    }

    private void rejected(Message reject, String refId) throws FieldNotFound {
        String refMsgType = FixFields.textOr(reject, RefMsgType.FIELD, "?");
        String reason = reason(reject);
        LOG.warning(() -> venue + " rejected a message of type " + refMsgType + ": " + reason);
        queries.onRequestRejected(refMsgType, refId, reason);
    }

    private static String reason(Message reject) throws FieldNotFound {
        return FixFields.textOr(reject, Text.FIELD, "no reason given");
    }

    /** What a handler does with one message; it may find a field missing. */
    private interface Handler {
        void run() throws FieldNotFound;
    }

    private void handle(Message message, Handler handler) {
        try {
            handler.run();
        } catch (FieldNotFound e) {
            LOG.severe(() -> "a " + type(message) + " message from " + venue + " lacks field " + e.field
                    + ": nothing booked from it (seq " + sequence(message) + ")");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "a " + type(message) + " message from " + venue + " could not be handled: "
                    + e.getMessage() + "; nothing booked from it (seq " + sequence(message) + ")", e);
        }
    }

    private static boolean isType(Message message, String type) {
        return type.equals(type(message));
    }

    private static String type(Message message) {
        try {
            return message.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            return "?";
        }
    }

    private static String sequence(Message message) {
        try {
            return message.getHeader().getString(MsgSeqNum.FIELD);
        } catch (FieldNotFound e) {
            return "?";
        }
    }
}
