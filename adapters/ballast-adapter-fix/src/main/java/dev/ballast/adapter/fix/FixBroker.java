package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.ReplaceRejected;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link BrokerageInterface} over one FIX 4.4 session to a venue, as its initiator (QuickFIX/J). Orders go out as
 * NewOrderSingle, cancels and replaces as OrderCancelRequest and OrderCancelReplaceRequest under new ClOrdIDs that map
 * back to the one Ballast order id; ExecutionReports come back as broker reports (see {@link ExecutionReports});
 * {@link #queryState} asks the venue for its orders (mass status, or order by order) and positions.
 *
 * <p>Sequence numbers and sent messages live in a file store under {@link FixSettings#storeDir()}, so a restart
 * resumes the session; the Logon password is never stored or logged. Lifecycle: construct, {@link #connect},
 * {@link #start}, then trade; {@link #close} logs out and stops.
 *
 * <p>Threading: the engine thread calls the interface's methods, which queue and return; one sender thread sends,
 * at most {@link FixSettings#maxMessagesPerSecond()} a second; QuickFIX/J's thread delivers what the venue says to
 * the sink.
 */
public final class FixBroker implements BrokerageInterface, AutoCloseable {
    /** Seconds between reconnection attempts while the venue cannot be reached. */
    private static final int RECONNECT_SECONDS = 2;

    private final FixSettings settings;
    private final Clock clock;
    private final SessionID sessionId;
    private final OrderChains chains;
    private final SubmittedOrdersFile submittedOrders;
    private final FixMessages messages;
    private final OutboundSender sender;
    private final StateQueries queries;
    private BrokerReportSink sink;
    private SocketInitiator initiator;
    private FixApplication application;

    public FixBroker(FixSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessionId = new SessionID("FIX.4.4", settings.senderCompId(), settings.targetCompId());
        try {
            Files.createDirectories(settings.storeDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the FIX store folder " + settings.storeDir(), e);
        }
        long startMillis = TimeUnit.NANOSECONDS.toMillis(clock.nanos());
        this.chains = new OrderChains(startMillis);
        this.submittedOrders = new SubmittedOrdersFile(settings.storeDir());
        submittedOrders.load().forEach(chains::submitted);
        this.messages = new FixMessages(settings.account(), settings.senderCompId());
        this.sender = new OutboundSender(() -> Session.lookupSession(sessionId), settings.maxMessagesPerSecond(),
                "fix-sender-" + settings.targetCompId());
        this.queries = new StateQueries("BQ" + Long.toString(startMillis, 36) + "x", settings.queryTimeout(),
                new QueryRequests(), chains);
    }

    @Override
    public void connect(BrokerReportSink sink) {
        if (this.sink != null) throw new IllegalStateException("the FIX broker is already connected to a sink");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Starts the session (logon and reconnects run in the background) and the sender; returns at once. */
    public void start() {
        if (sink == null) throw new IllegalStateException("connect(sink) must come before start()");
        if (initiator != null) throw new IllegalStateException("the FIX broker is already started");
        ExecutionReports executions = new ExecutionReports(settings.targetCompId(), chains, clock, sink);
        RecordedSequence recorded = new RecordedSequence(settings.storeDir());
        application = new FixApplication(settings.password(), settings.targetCompId(), clock, sink,
                executions, queries, new RequestRejects(chains, clock, sink), recorded);
        SessionSettings sessionSettings = sessionSettings();
        try {
            initiator = new SocketInitiator(application, new PasswordFreeStoreFactory(sessionSettings, recorded), sessionSettings,
                    new SessionEventLogFactory(), new DefaultMessageFactory());
            sender.start();
            initiator.start();
        } catch (ConfigError e) {
            throw new IllegalStateException("the FIX session settings are invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public void submit(Order order) {
        WorkingTerms terms = WorkingTerms.of(order);
        chains.submitted(terms);
        chains.startCumulative(order.id());
        send("NewOrderSingle " + order.id(), () -> {
            // Written before the order leaves, so a restart knows of every order the venue may have.
            submittedOrders.append(terms);
            return messages.newOrder(terms, now());
        }, why -> sink.report(new OrderRejected(order.id(), why, clock.nanos())));
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        Consumer<String> refused = why -> sink.report(new CancelRejected(orderId, why, clock.nanos()));
        WorkingTerms terms = chains.terms(orderId);
        if (terms == null) {
            refused.accept("the FIX adapter has never sent an order " + orderId);
            return;
        }
        String clOrdId = chains.nextClOrdId(orderId);
        send("OrderCancelRequest " + clOrdId, () -> messages.cancel(currentTerms(terms), clOrdId, now()), refused);
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        Consumer<String> refused = why -> sink.report(new ReplaceRejected(orderId, why, clock.nanos()));
        WorkingTerms terms = chains.terms(orderId);
        if (terms == null) {
            refused.accept("the FIX adapter has never sent an order " + orderId);
            return;
        }
        String clOrdId = chains.nextClOrdId(orderId);
        send("OrderCancelReplaceRequest " + clOrdId, () -> {
            // The terms as the venue last confirmed them, read when the message leaves (a replace may just have landed).
            WorkingTerms current = currentTerms(terms);
            return messages.replace(current, clOrdId, quantity != null ? quantity : current.quantity(),
                    limitPrice != null ? limitPrice : current.limitPrice(),
                    stopPrice != null ? stopPrice : current.stopPrice(), now());
        }, refused);
    }

    /**
     * False when neither this process nor an earlier one of the run wrote the order to the adapter's list of sent
     * orders, which is written before the order goes out: the order never left.
     */
    @Override
    public boolean mayHaveSent(ClientOrderId orderId) {
        return chains.terms(orderId) != null;
    }

    /**
     * Asks the venue for its open orders and positions. Fails at once when the session is not logged on, and after
     * {@link FixSettings#queryTimeout()} with what was not answered.
     */
    @Override
    public CompletableFuture<BrokerState> queryState() {
        Session session = Session.lookupSession(sessionId);
        if (session == null || !session.isLoggedOn()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the FIX session to "
                    + settings.targetCompId() + " is not logged on: the venue's orders and positions are unknown"));
        }
        return queries.start();
    }

    @Override
    public void close() {
        if (application != null) application.closing();
        sender.close();
        if (initiator != null) initiator.stop();
        queries.failAll("the FIX adapter closed before the venue answered");
    }

    private WorkingTerms currentTerms(WorkingTerms fallback) {
        WorkingTerms current = chains.terms(fallback.orderId());
        return current != null ? current : fallback;
    }

    private void send(String what, Supplier<Message> message, Consumer<String> notSent) {
        sender.send(new OutboundSender.Outbound(what, message, notSent));
    }

    private LocalDateTime now() {
        long nanos = clock.nanos();
        return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L),
                ZoneOffset.UTC);
    }

    private SessionSettings sessionSettings() {
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString(sessionId, "BeginString", sessionId.getBeginString());
        s.setString(sessionId, "SenderCompID", settings.senderCompId());
        s.setString(sessionId, "TargetCompID", settings.targetCompId());
        s.setString(sessionId, "SocketConnectHost", settings.host());
        s.setLong(sessionId, "SocketConnectPort", settings.port());
        s.setLong(sessionId, "HeartBtInt", settings.heartbeatSeconds());
        s.setLong(sessionId, "ReconnectInterval", RECONNECT_SECONDS);
        s.setString(sessionId, "FileStorePath", settings.storeDir().toString());
        s.setBool(sessionId, "FileStoreSync", true);
        s.setBool(sessionId, "ResetOnLogon", settings.resetOnLogon());
        s.setBool(sessionId, "ResetOnLogout", settings.resetOnLogout());
        s.setBool(sessionId, "ResetOnDisconnect", settings.resetOnDisconnect());
        s.setBool(sessionId, "NonStopSession", true);
        s.setBool(sessionId, "UseDataDictionary", true);
        // Venues differ in what they fill in; the handlers check the fields they need and say which one is missing.
        s.setBool(sessionId, "ValidateIncomingMessage", false);
        return s;
    }

    /** Sends a state query's requests through the rate-limited sender. */
    private final class QueryRequests implements StateQueries.Requests {
        @Override
        public void massStatus(String requestId, Consumer<String> notSent) {
            send("OrderMassStatusRequest " + requestId, () -> messages.massStatus(requestId), notSent);
        }

        @Override
        public void positions(String requestId, Consumer<String> notSent) {
            send("RequestForPositions " + requestId, () -> messages.positions(requestId, now()), notSent);
        }

        @Override
        public void orderStatus(WorkingTerms order, String requestId, Consumer<String> notSent) {
            send("OrderStatusRequest " + requestId, () -> messages.orderStatus(currentTerms(order), requestId), notSent);
        }
    }
}
