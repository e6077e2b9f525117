package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.Secret;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.IncorrectTagValue;
import quickfix.InvalidMessage;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.field.AvgPx;
import quickfix.field.BusinessRejectReason;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecRefID;
import quickfix.field.ExecRestatementReason;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LastRptRequested;
import quickfix.field.LeavesQty;
import quickfix.field.LongQty;
import quickfix.field.MassStatusReqID;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdStatusReqID;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;
import quickfix.field.PosMaintRptID;
import quickfix.field.PosReqID;
import quickfix.field.PosReqStatus;
import quickfix.field.PosReqResult;
import quickfix.field.PosType;
import quickfix.field.PossResend;
import quickfix.field.RefMsgType;
import quickfix.field.ShortQty;
import quickfix.field.Side;
import quickfix.field.StopPx;
import quickfix.field.Text;
import quickfix.field.TotNumReports;
import quickfix.field.TotalNumPosReports;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderCancelReject;
import quickfix.fix44.PositionReport;
import quickfix.fix44.RequestForPositionsAck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A FIX 4.4 venue for tests: a real QuickFIX/J acceptor on 127.0.0.1 (SenderCompID {@code VENUE}, TargetCompID
 * {@code BALLAST}) with its own file store, and a small order book. By default it accepts every order, fills market
 * orders at once at the price set by {@link #setPrice} (limit orders when that price reaches the limit), answers
 * cancels and replaces, and answers mass status (35=AF), order status (35=H) and positions (35=AN) from its book.
 * The scripting methods make it misbehave the ways a real venue does.
 *
 * <p>Threading: QuickFIX/J's acceptor thread and the test thread; the book is guarded by this object's monitor.
 */
public final class FixTestVenue implements AutoCloseable {
    public static final String VENUE = "VENUE";
    public static final String CLIENT = "BALLAST";

    /**
     * QuickFIX/J's decoder logs every message it parses at debug level, so this venue's would include the client's
     * Logon and its password. Pinned to INFO (held here so the setting is not collected with the logger).
     */
    private static final Logger DECODER_LOG = Logger.getLogger("quickfix.mina.message");

    static {
        DECODER_LOG.setLevel(Level.INFO);
    }

    private final SessionID sessionId = new SessionID("FIX.4.4", VENUE, CLIENT);
    private final Path storeDir;
    private final int port;
    private final String idEpoch = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, VenueOrder> ordersByClOrdId = new HashMap<>();
    private final List<VenueOrder> orders = new ArrayList<>();
    private final Map<Symbol, Price> prices = new HashMap<>();
    private final Map<Symbol, Quantity> positions = new LinkedHashMap<>();
    private final Map<String, Message> executionsById = new HashMap<>();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private volatile String lastLogonPassword;

    private boolean autoFill = true;
    private String rejectNextOrder;
    private String rejectNextCancel;
    private String rejectNextReplace;
    private boolean refuseMassStatus;
    private boolean sessionRejectNext;
    private String businessRejectNext;
    private boolean silent;
    private SocketAcceptor acceptor;

    /** Starts the venue on a free port with its store under {@code storeDir}. */
    public FixTestVenue(Path storeDir) {
        this.storeDir = storeDir;
        this.port = freePort();
        start();
    }

    public int port() {
        return port;
    }

    /**
     * Settings for a {@link FixBroker} that logs on to this venue, its store under {@code clientStoreDir}.
     * {@code password} may be null.
     */
    public FixSettings clientSettings(Path clientStoreDir, Secret password, Duration queryTimeout) {
        return new FixSettings("127.0.0.1", port, CLIENT, VENUE, clientStoreDir, 30, false, false, false, 200,
                queryTimeout, null, password);
    }

    public boolean isLoggedOn() {
        Session session = Session.lookupSession(sessionId);
        return session != null && session.isLoggedOn();
    }

    /** The password in the last Logon received, or null. */
    public String lastLogonPassword() {
        return lastLogonPassword;
    }

    /** Every application message received, in order. */
    public List<Message> received() {
        return List.copyOf(received);
    }

    public List<Message> received(String msgType) {
        return received.stream().filter(m -> msgType.equals(type(m))).toList();
    }

    /** The next sequence number the venue expects from the client, and the next it sends. */
    public int nextExpectedFromClient() throws IOException {
        return Session.lookupSession(sessionId).getStore().getNextTargetMsgSeqNum();
    }

    public int nextToClient() throws IOException {
        return Session.lookupSession(sessionId).getStore().getNextSenderMsgSeqNum();
    }

    // ---- scripting -------------------------------------------------------------------------------------------

    /** The market price of {@code symbol}: market orders fill at it, and resting limit orders it reaches. */
    public synchronized void setPrice(Symbol symbol, Price price) {
        prices.put(symbol, price);
        for (VenueOrder order : List.copyOf(orders)) fillIfMarketable(order);
    }

    /** Off: orders are accepted and rest until {@link #fill} (partial fills, fills while disconnected). */
    public synchronized void setAutoFill(boolean on) {
        autoFill = on;
    }

    public synchronized void rejectNextOrder(String reason) {
        rejectNextOrder = reason;
    }

    public synchronized void rejectNextCancel(String reason) {
        rejectNextCancel = reason;
    }

    public synchronized void rejectNextReplace(String reason) {
        rejectNextReplace = reason;
    }

    /** Refuses the next application message with a session Reject (35=3), as a venue does a malformed one. */
    public synchronized void sessionRejectNext() {
        sessionRejectNext = true;
    }

    /** Refuses the next order, cancel or replace with a BusinessMessageReject (35=j) naming its ClOrdID. */
    public synchronized void businessRejectNext(String reason) {
        businessRejectNext = reason;
    }

    /** Answers 35=AF with a BusinessMessageReject, as a venue without mass status does. */
    public synchronized void refuseMassStatus() {
        refuseMassStatus = true;
    }

    /** Answers no status or positions request at all. */
    public synchronized void goSilent() {
        silent = true;
    }

    /**
     * Fills {@code quantity} of the order known by {@code clOrdId} (any id of its chain) at {@code price} and
     * returns the ExecID. Works while the client is logged out: the report waits in the venue's store and reaches the
     * client as a resend (PossDup) after it logs on again.
     */
    public synchronized String fill(String clOrdId, Quantity quantity, Price price) {
        return fill(order(clOrdId), quantity, price);
    }

    /**
     * Like {@link #fill}, but with some fields of the report replaced by {@code fields} (tag to text): a CumQty that
     * disagrees, a quantity that is not a number.
     */
    public synchronized String fillWithFields(String clOrdId, Quantity quantity, Price price, Map<Integer, String> fields) {
        return fill(order(clOrdId), quantity, price, fields);
    }

    /** Sends the execution {@code execId} again under the same ExecID (PossResend=Y), as a venue's replay does. */
    public synchronized void repeatExecution(String execId) {
        Message copy;
        try {
            copy = new Message(executionsById.get(execId).toString(), false);
        } catch (InvalidMessage e) {
            throw new IllegalStateException(e);
        }
        copy.getHeader().setBoolean(PossResend.FIELD, true);
        send(copy);
    }

    /** Busts the trade {@code execId} (ExecType H) and returns the bust's ExecID. */
    public synchronized String bust(String execId) throws FieldNotFound {
        Message trade = executionsById.get(execId);
        VenueOrder order = order(trade.getString(ClOrdID.FIELD));
        Quantity quantity = Quantity.of(trade.getString(LastQty.FIELD));
        order.cumulative = order.cumulative.minus(quantity);
        move(order, quantity.negate());
        Message bust = execution(order, ExecType.TRADE_CANCEL, order.clOrdId, quantity,
                Price.of(trade.getString(LastPx.FIELD)));
        bust.setString(ExecRefID.FIELD, execId);
        send(bust);
        return bust.getString(ExecID.FIELD);
    }

    /** Corrects the trade {@code execId} to {@code quantity} at {@code price} (ExecType G); returns its ExecID. */
    public synchronized String correct(String execId, Quantity quantity, Price price) throws FieldNotFound {
        Message trade = executionsById.get(execId);
        VenueOrder order = order(trade.getString(ClOrdID.FIELD));
        Quantity before = Quantity.of(trade.getString(LastQty.FIELD));
        order.cumulative = order.cumulative.minus(before).plus(quantity);
        move(order, quantity.minus(before));
        Message correction = execution(order, ExecType.TRADE_CORRECT, order.clOrdId, quantity, price);
        correction.setString(ExecRefID.FIELD, execId);
        send(correction);
        return correction.getString(ExecID.FIELD);
    }

    /**
     * Restates the working order {@code clOrdId} on the venue's own account (ExecType D, ExecRestatementReason 5,
     * partial decline): its quantity becomes {@code quantity}; with no more than it filled, the order is done.
     */
    public synchronized void restate(String clOrdId, Quantity quantity) {
        VenueOrder order = order(clOrdId);
        order.quantity = quantity;
        if (order.cumulative.compareTo(quantity) >= 0) order.status = OrdStatus.FILLED;
        Message restatement = execution(order, ExecType.RESTATED, order.clOrdId, null, null);
        restatement.setInt(ExecRestatementReason.FIELD, ExecRestatementReason.PARTIAL_DECLINE_OF_ORDERQTY);
        send(restatement);
    }

    /** Ends the day: DoneForDay (ExecType 3) for every working order. */
    public synchronized void endOfDay() {
        for (VenueOrder order : orders) {
            if (order.isWorking()) send(execution(order, ExecType.DONE_FOR_DAY, order.clOrdId, null, null));
        }
    }

    /** Logs the client out and refuses its logons until {@link #allowLogon}. */
    public void logout() {
        Session.lookupSession(sessionId).logout("venue maintenance");
    }

    public void allowLogon() {
        Session.lookupSession(sessionId).logon();
    }

    /** Cuts the connection without a Logout; the client reconnects on its own. */
    public void drop() throws IOException {
        Session.lookupSession(sessionId).disconnect("dropped by the test venue", false);
    }

    /** Stops the acceptor and starts it again on the same port and store: sequence numbers carry on. */
    public void restart() {
        stop();
        start();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- the venue ----------------------------------------------------------------------------------------------

    private synchronized void start() {
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "acceptor");
        settings.setString(sessionId, "BeginString", sessionId.getBeginString());
        settings.setString(sessionId, "SenderCompID", VENUE);
        settings.setString(sessionId, "TargetCompID", CLIENT);
        settings.setString(sessionId, "SocketAcceptAddress", "127.0.0.1");
        settings.setLong(sessionId, "SocketAcceptPort", port);
        settings.setString(sessionId, "FileStorePath", storeDir.toString());
        settings.setBool(sessionId, "NonStopSession", true);
        settings.setBool(sessionId, "UseDataDictionary", true);
        // A Logon for an unknown session would otherwise be logged whole, password included.
        settings.setBool(sessionId, "LogMessageWhenSessionNotFound", false);
        try {
            acceptor = new SocketAcceptor(new VenueApplication(), new FileStoreFactory(settings), settings,
                    new SilentLogFactory(), new DefaultMessageFactory());
            acceptor.start();
        } catch (ConfigError e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void stop() {
        if (acceptor != null) acceptor.stop(true);
        acceptor = null;
    }

    private void onNewOrder(Message message) throws FieldNotFound {
        VenueOrder order = new VenueOrder("O" + idEpoch + "-" + ids.incrementAndGet(), message.getString(ClOrdID.FIELD),
                Symbol.of(message.getString(quickfix.field.Symbol.FIELD)), message.getChar(Side.FIELD),
                message.getChar(OrdType.FIELD), message.getChar(quickfix.field.TimeInForce.FIELD),
                Quantity.of(message.getString(OrderQty.FIELD)), priceOrNull(message, quickfix.field.Price.FIELD),
                priceOrNull(message, StopPx.FIELD));
        orders.add(order);
        ordersByClOrdId.put(order.clOrdId, order);
        if (rejectNextOrder != null) {
            order.status = OrdStatus.REJECTED;
            Message reject = execution(order, ExecType.REJECTED, order.clOrdId, null, null);
            reject.setString(Text.FIELD, rejectNextOrder);
            rejectNextOrder = null;
            send(reject);
            return;
        }
        send(execution(order, ExecType.NEW, order.clOrdId, null, null));
        fillIfMarketable(order);
    }

    private void onCancel(Message message) throws FieldNotFound {
        String clOrdId = message.getString(ClOrdID.FIELD);
        String origClOrdId = message.getString(OrigClOrdID.FIELD);
        VenueOrder order = ordersByClOrdId.get(origClOrdId);
        String refusal = rejectNextCancel != null ? rejectNextCancel : order == null ? "unknown order"
                : !order.isWorking() ? "order is not working" : null;
        rejectNextCancel = null;
        if (refusal != null) {
            send(cancelReject(order, clOrdId, origClOrdId, CxlRejResponseTo.ORDER_CANCEL_REQUEST, refusal));
            return;
        }
        ordersByClOrdId.put(clOrdId, order);
        order.status = OrdStatus.CANCELED;
        Message canceled = execution(order, ExecType.CANCELED, clOrdId, null, null);
        canceled.setString(OrigClOrdID.FIELD, origClOrdId);
        send(canceled);
    }

    private void onReplace(Message message) throws FieldNotFound {
        String clOrdId = message.getString(ClOrdID.FIELD);
        String origClOrdId = message.getString(OrigClOrdID.FIELD);
        VenueOrder order = ordersByClOrdId.get(origClOrdId);
        String refusal = rejectNextReplace != null ? rejectNextReplace : order == null ? "unknown order"
                : !order.isWorking() ? "order is not working" : null;
        rejectNextReplace = null;
        if (refusal != null) {
            send(cancelReject(order, clOrdId, origClOrdId, CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST, refusal));
            return;
        }
        ordersByClOrdId.put(clOrdId, order);
        order.clOrdId = clOrdId;
        order.quantity = Quantity.of(message.getString(OrderQty.FIELD));
        order.limit = priceOrNull(message, quickfix.field.Price.FIELD);
        order.stop = priceOrNull(message, StopPx.FIELD);
        order.status = OrdStatus.REPLACED;
        Message replaced = execution(order, ExecType.REPLACED, clOrdId, null, null);
        replaced.setString(OrigClOrdID.FIELD, origClOrdId);
        send(replaced);
        fillIfMarketable(order);
    }

    private void onMassStatus(Message message) throws FieldNotFound {
        String requestId = message.getString(MassStatusReqID.FIELD);
        if (refuseMassStatus) {
            BusinessMessageReject reject = new BusinessMessageReject();
            reject.setString(RefMsgType.FIELD, MsgType.ORDER_MASS_STATUS_REQUEST);
            reject.setString(BusinessRejectRefID.FIELD, requestId);
            reject.setInt(BusinessRejectReason.FIELD, BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE);
            reject.setString(Text.FIELD, "mass status not supported");
            send(reject);
            return;
        }
        if (silent) return;
        if (orders.isEmpty()) {
            ExecutionReport none = new ExecutionReport();
            none.setString(OrderID.FIELD, "NONE");
            none.setString(ExecID.FIELD, nextExecId());
            none.setChar(ExecType.FIELD, ExecType.ORDER_STATUS);
            none.setChar(OrdStatus.FIELD, OrdStatus.REJECTED);
            none.setChar(Side.FIELD, Side.BUY);
            none.setString(quickfix.field.Symbol.FIELD, "NONE");
            none.setString(LeavesQty.FIELD, "0");
            none.setString(CumQty.FIELD, "0");
            none.setString(AvgPx.FIELD, "0");
            none.setString(MassStatusReqID.FIELD, requestId);
            none.setInt(TotNumReports.FIELD, 0);
            none.setBoolean(LastRptRequested.FIELD, true);
            send(none);
            return;
        }
        for (int i = 0; i < orders.size(); i++) {
            VenueOrder order = orders.get(i);
            Message status = execution(order, ExecType.ORDER_STATUS, order.clOrdId, null, null);
            status.setString(MassStatusReqID.FIELD, requestId);
            status.setInt(TotNumReports.FIELD, orders.size());
            status.setBoolean(LastRptRequested.FIELD, i == orders.size() - 1);
            send(status);
        }
    }

    private void onOrderStatus(Message message) throws FieldNotFound {
        if (silent) return;
        String clOrdId = message.getString(ClOrdID.FIELD);
        VenueOrder order = ordersByClOrdId.get(clOrdId);
        Message status;
        if (order == null) {
            VenueOrder unknown = new VenueOrder("NONE", clOrdId, Symbol.of(message.getString(quickfix.field.Symbol.FIELD)),
                    message.getChar(Side.FIELD), OrdType.MARKET, quickfix.field.TimeInForce.DAY, Quantity.ZERO, null, null);
            unknown.status = OrdStatus.REJECTED;
            status = execution(unknown, ExecType.ORDER_STATUS, clOrdId, null, null);
            status.setString(Text.FIELD, "unknown order");
        } else {
            status = execution(order, ExecType.ORDER_STATUS, clOrdId, null, null);
        }
        if (message.isSetField(OrdStatusReqID.FIELD)) status.setString(OrdStatusReqID.FIELD, message.getString(OrdStatusReqID.FIELD));
        send(status);
    }

    private void onPositionsRequest(Message message) throws FieldNotFound {
        if (silent) return;
        String requestId = message.getString(PosReqID.FIELD);
        if (positions.isEmpty()) {
            RequestForPositionsAck none = new RequestForPositionsAck();
            none.setString(PosMaintRptID.FIELD, nextExecId());
            none.setString(PosReqID.FIELD, requestId);
            none.setInt(TotalNumPosReports.FIELD, 0);
            none.setInt(PosReqResult.FIELD, PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA);
            none.setInt(PosReqStatus.FIELD, PosReqStatus.COMPLETED);
            send(none);
            return;
        }
        for (Map.Entry<Symbol, Quantity> position : positions.entrySet()) {
            PositionReport report = new PositionReport();
            report.setString(PosMaintRptID.FIELD, nextExecId());
            report.setString(PosReqID.FIELD, requestId);
            report.setInt(PosReqResult.FIELD, PosReqResult.VALID_REQUEST);
            report.setInt(TotalNumPosReports.FIELD, positions.size());
            report.setString(quickfix.field.Symbol.FIELD, position.getKey().value());
            PositionReport.NoPositions quantity = new PositionReport.NoPositions();
            quantity.setString(PosType.FIELD, PosType.TOTAL_TRANSACTION_QTY);
            Quantity net = position.getValue();
            quantity.setString(LongQty.FIELD, net.isPositive() ? net.toString() : "0");
            quantity.setString(ShortQty.FIELD, net.isPositive() ? "0" : net.negate().toString());
            report.addGroup(quantity);
            send(report);
        }
    }

    private void fillIfMarketable(VenueOrder order) {
        if (!autoFill || !order.isWorking()) return;
        Price market = prices.get(order.symbol);
        if (market == null) return;
        boolean marketable = switch (order.type) {
            case OrdType.MARKET -> true;
            case OrdType.LIMIT -> order.side == Side.BUY ? market.compareTo(order.limit) <= 0
                    : market.compareTo(order.limit) >= 0;
            default -> false;
        };
        if (marketable) fill(order, order.quantity.minus(order.cumulative), market);
    }

    private String fill(VenueOrder order, Quantity quantity, Price price) {
        return fill(order, quantity, price, Map.of());
    }

    private String fill(VenueOrder order, Quantity quantity, Price price, Map<Integer, String> fields) {
        order.cumulative = order.cumulative.plus(quantity);
        order.notional = order.notional.plus(Money.notional(quantity, price, 1));
        order.status = order.cumulative.equals(order.quantity) ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        move(order, quantity);
        Message trade = execution(order, ExecType.TRADE, order.clOrdId, quantity, price);
        fields.forEach(trade::setString);
        send(trade);
        try {
            return trade.getString(ExecID.FIELD);
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    private void move(VenueOrder order, Quantity quantity) {
        positions.merge(order.symbol, order.side == Side.BUY ? quantity : quantity.negate(), Quantity::plus);
    }

    private Message execution(VenueOrder order, char execType, String clOrdId, Quantity lastQty, Price lastPx) {
        ExecutionReport report = new ExecutionReport();
        String execId = nextExecId();
        report.setString(OrderID.FIELD, order.orderId);
        report.setString(ExecID.FIELD, execId);
        report.setString(ClOrdID.FIELD, clOrdId);
        report.setChar(ExecType.FIELD, execType);
        report.setChar(OrdStatus.FIELD, order.status);
        report.setChar(Side.FIELD, order.side);
        report.setString(quickfix.field.Symbol.FIELD, order.symbol.value());
        report.setChar(OrdType.FIELD, order.type);
        report.setChar(quickfix.field.TimeInForce.FIELD, order.timeInForce);
        report.setString(OrderQty.FIELD, order.quantity.toString());
        if (order.limit != null) report.setString(quickfix.field.Price.FIELD, order.limit.toString());
        if (order.stop != null) report.setString(StopPx.FIELD, order.stop.toString());
        boolean done = !order.isWorking();
        report.setString(LeavesQty.FIELD, done ? "0" : order.quantity.minus(order.cumulative).toString());
        report.setString(CumQty.FIELD, order.cumulative.toString());
        report.setString(AvgPx.FIELD, order.cumulative.isZero() ? "0"
                : Price.ofRaw(FixedPoint.divide(order.notional.raw(), order.cumulative.raw())).toString());
        if (lastQty != null) {
            report.setString(LastQty.FIELD, lastQty.toString());
            report.setString(LastPx.FIELD, lastPx.toString());
        }
        executionsById.put(execId, report);
        return report;
    }

    private Message cancelReject(VenueOrder order, String clOrdId, String origClOrdId, char responseTo, String reason) {
        OrderCancelReject reject = new OrderCancelReject();
        reject.setString(OrderID.FIELD, order == null ? "NONE" : order.orderId);
        reject.setString(ClOrdID.FIELD, clOrdId);
        reject.setString(OrigClOrdID.FIELD, origClOrdId);
        reject.setChar(OrdStatus.FIELD, order == null ? OrdStatus.REJECTED : order.status);
        reject.setChar(CxlRejResponseTo.FIELD, responseTo);
        reject.setString(Text.FIELD, reason);
        return reject;
    }

    private VenueOrder order(String clOrdId) {
        VenueOrder order = ordersByClOrdId.get(clOrdId);
        if (order == null) throw new IllegalArgumentException("the test venue has no order " + clOrdId);
        return order;
    }

    private String nextExecId() {
        return "E" + idEpoch + "-" + ids.incrementAndGet();
    }

    /** Sends to the client; while it is logged out the session keeps the message for its resend. */
    private void send(Message message) {
        Session session = Session.lookupSession(sessionId);
        if (session == null) throw new IllegalStateException("the test venue is stopped");
        session.send(message);
    }

    private static Price priceOrNull(Message message, int tag) throws FieldNotFound {
        return message.isSetField(tag) ? Price.of(message.getString(tag)) : null;
    }

    private static String type(Message message) {
        try {
            return message.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            return "?";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An order in the venue's book. */
    private static final class VenueOrder {
        final String orderId;
        final Symbol symbol;
        final char side;
        final char type;
        final char timeInForce;
        String clOrdId;
        Quantity quantity;
        Price limit;
        Price stop;
        Quantity cumulative = Quantity.ZERO;
        Money notional = Money.ZERO;
        char status = OrdStatus.NEW;

        VenueOrder(String orderId, String clOrdId, Symbol symbol, char side, char type, char timeInForce,
                   Quantity quantity, Price limit, Price stop) {
            this.orderId = orderId;
            this.clOrdId = clOrdId;
            this.symbol = symbol;
            this.side = side;
            this.type = type;
            this.timeInForce = timeInForce;
            this.quantity = quantity;
            this.limit = limit;
            this.stop = stop;
        }

        boolean isWorking() {
            return status == OrdStatus.NEW || status == OrdStatus.PARTIALLY_FILLED || status == OrdStatus.REPLACED;
        }
    }

    /** The venue's side of the session: records what arrives and answers it. */
    private final class VenueApplication implements Application {
        @Override
        public void onCreate(SessionID sessionId) {
        }

        @Override
        public void onLogon(SessionID sessionId) {
        }

        @Override
        public void onLogout(SessionID sessionId) {
        }

        @Override
        public void toAdmin(Message message, SessionID sessionId) {
        }

        @Override
        public void fromAdmin(Message message, SessionID sessionId) throws FieldNotFound {
            if (MsgType.LOGON.equals(type(message))) {
                lastLogonPassword = message.isSetField(Password.FIELD) ? message.getString(Password.FIELD) : null;
            }
        }

        @Override
        public void toApp(Message message, SessionID sessionId) {
        }

        @Override
        public void fromApp(Message message, SessionID sessionId) throws FieldNotFound, IncorrectTagValue {
            received.add(message);
            synchronized (FixTestVenue.this) {
                if (sessionRejectNext) {
                    sessionRejectNext = false;
                    throw new IncorrectTagValue(ClOrdID.FIELD);
                }
                String type = type(message);
                boolean orderRequest = MsgType.NEW_ORDER_SINGLE.equals(type) || MsgType.ORDER_CANCEL_REQUEST.equals(type)
                        || MsgType.ORDER_CANCEL_REPLACE_REQUEST.equals(type);
                if (businessRejectNext != null && orderRequest) {
                    BusinessMessageReject reject = new BusinessMessageReject();
                    reject.setString(RefMsgType.FIELD, type);
                    reject.setString(BusinessRejectRefID.FIELD, message.getString(ClOrdID.FIELD));
                    reject.setInt(BusinessRejectReason.FIELD, BusinessRejectReason.OTHER);
                    reject.setString(Text.FIELD, businessRejectNext);
                    businessRejectNext = null;
                    send(reject);
                    return;
                }
                switch (type) {
                    case MsgType.NEW_ORDER_SINGLE -> onNewOrder(message);
                    case MsgType.ORDER_CANCEL_REQUEST -> onCancel(message);
                    case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> onReplace(message);
                    case MsgType.ORDER_MASS_STATUS_REQUEST -> onMassStatus(message);
                    case MsgType.ORDER_STATUS_REQUEST -> onOrderStatus(message);
                    case MsgType.REQUEST_FOR_POSITIONS -> onPositionsRequest(message);
                    default -> { }
                }
            }
        }
    }

    /** The venue logs nothing: the Logon it receives carries the client's password. */
    private static final class SilentLogFactory implements LogFactory {
        @Override
        public Log create(SessionID sessionId) {
            return new Log() {
                @Override
                public void clear() {
                }

                @Override
                public void onIncoming(String message) {
                }

                @Override
                public void onOutgoing(String message) {
                }

                @Override
                public void onEvent(String text) {
                }

                @Override
                public void onErrorEvent(String text) {
                }
            };
        }
    }
}
