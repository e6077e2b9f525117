package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.broker.BrokerState;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.ReplaceRejected;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ballast's broker on Alpaca: orders go out over Alpaca's REST API (under Ballast's client order ids, with bounded,
 * duplicate-safe retries), and what happens to them comes back on the {@code trade_updates} WebSocket, translated
 * into {@link BrokerReport}s. After every reconnect the runtime calls {@link #queryState}, which also reports the
 * fills missed while the stream was down. Use: construct, {@link #connect}, {@link #start}, trade, {@link #close}.
 *
 * <p>Threading: the engine calls {@code submit}, {@code cancel}, {@code modify} and {@code queryState} on its own
 * thread and they return at once; the requests run on virtual threads, one order's in order. Reports reach the
 * sink from those threads and the stream's.
 */
public final class AlpacaBroker implements BrokerageInterface, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AlpacaBroker.class.getName());

    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("alpaca-stream-timer").daemon(true).factory());
    private final OrderRegistry orders = new OrderRegistry();
    private final ExecutionLedger executions = new ExecutionLedger();
    private final OrderSender sender;
    private final StateQuery stateQuery;
    private final TradeUpdateTranslator translator;
    private final TradeUpdateStream stream;
    private final OrderLanes lanes;
    /** Null when the adapter was given no folder: it then cannot prove that an order never left. */
    private final PostedOrdersFile posted;
    /** Null without a folder: after a restart every fill of the run is reported again (the engine recognises them). */
    private final RecordedExecutionsFile recorded;
    /** Held while a report is decided on and passed to the sink, so that the two happen at once. */
    private final Object reporting = new Object();
    private volatile BrokerReportSink sink;
    private volatile boolean started;

    /**
     * An adapter whose run starts now by {@code clock}, which must then be a wall clock, keeping no list of the orders
     * it posts ({@link #mayHaveSent} is then always true).
     */
    public AlpacaBroker(AlpacaSettings settings, Clock clock) {
        this(settings, clock, Instant.ofEpochSecond(0, clock.nanos()), null);
    }

    /**
     * @param clock    stamps the reports (the engine's time)
     * @param runStart when the run first started, in wall-clock time: state queries read the orders and fills
     *                 Alpaca lists from then on (earlier ones are not this run's)
     * @param folder   where the adapter keeps its list of the orders it posted ({@value PostedOrdersFile#NAME}) and
     *                 of the executions the journal holds ({@value RecordedExecutionsFile#NAME}), the same for every
     *                 process of the run; null: no lists
     */
    public AlpacaBroker(AlpacaSettings settings, Clock clock, Instant runStart, Path folder) {
        this.clock = clock;
        this.posted = folder == null ? null : new PostedOrdersFile(folder);
        this.recorded = folder == null ? null : new RecordedExecutionsFile(folder);
        if (recorded != null) executions.alreadyReported(recorded.recorded());
        this.http = HttpClient.newBuilder().connectTimeout(settings.queryTimeout()).executor(workers).build();
        AlpacaRestClient rest = new AlpacaRestClient(settings, http);
        this.sender = new OrderSender(rest, orders, RetryPolicy.DEFAULT, clock, System::currentTimeMillis, this::report,
                posted == null ? id -> { } : posted::append);
        this.stateQuery = new StateQuery(rest, orders, executions, clock, runStart, this::report);
        this.translator = new TradeUpdateTranslator(orders, executions, clock);
        this.stream = new TradeUpdateStream(settings, http, timer, new Listener());
        this.lanes = new OrderLanes(workers, AlpacaBroker::requestFailed);
    }

    /**
     * A request that failed unexpectedly is a warning with its trace; one still queued when the adapter closed (its
     * workers gone) is not a failure of the venue: one line, no trace.
     */
    private static void requestFailed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RejectedExecutionException) {
            LOG.info("an Alpaca request still queued when the adapter closed was not sent");
        } else {
            LOG.log(Level.WARNING, "Alpaca request failed", cause);
        }
    }

    @Override
    public void connect(BrokerReportSink sink) {
        if (this.sink != null) throw new IllegalStateException("AlpacaBroker is already connected to a sink");
        this.sink = sink;
    }

    /** Opens the {@code trade_updates} stream in the background; returns at once. Call once, after connect. */
    public void start() {
        if (sink == null) throw new IllegalStateException("AlpacaBroker.start() before connect(sink)");
        if (started) throw new IllegalStateException("AlpacaBroker is already started");
        started = true;
        stream.start();
    }

    @Override
    public void submit(Order order) {
        ClientOrderId id = order.id();
        lanes.run(id, guarded(() -> sender.submit(order),
                problem -> new OrderRejected(id, "order " + id + " not sent to Alpaca: " + problem, clock.nanos())));
    }

    @Override
    public void cancel(ClientOrderId orderId) {
        lanes.run(orderId, guarded(() -> sender.cancel(orderId),
                problem -> new CancelRejected(orderId, "cancel of " + orderId + " failed: " + problem, clock.nanos())));
    }

    @Override
    public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
        lanes.run(orderId, guarded(() -> sender.modify(orderId, quantity, limitPrice, stopPrice),
                problem -> new ReplaceRejected(orderId, "replace of " + orderId + " failed: " + problem, clock.nanos())));
    }

    /**
     * False when neither this process nor an earlier one of the run put the order on the adapter's list of posted
     * orders, which is written just before its post leaves: the order never reached Alpaca. Always true without a
     * list.
     */
    @Override
    public boolean mayHaveSent(ClientOrderId orderId) {
        return posted == null || posted.contains(orderId);
    }

    @Override
    public CompletableFuture<BrokerState> queryState() {
        CompletableFuture<BrokerState> answer = new CompletableFuture<>();
        if (workers.isShutdown()) {
            answer.completeExceptionally(new IOException("cannot read Alpaca's state: the adapter is closed"));
            return answer;
        }
        workers.execute(() -> {
            try {
                answer.complete(stateQuery.read());
            } catch (AlpacaRequestFailed | AlpacaProtocolException e) {
                answer.completeExceptionally(new IOException("cannot read Alpaca's state: " + e.getMessage(), e));
            } catch (InterruptedException e) {
                answer.completeExceptionally(new IOException("Alpaca's state query was interrupted (closing)", e));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public void close() {
        stream.close();
        http.shutdownNow();
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /**
     * Passes a report on, noting that the order has had one: whatever is reported about an order tells the engine it
     * reached Alpaca (a refused cancel or replace leaves it working), so a {@code new} the stream brings later (it can
     * lag the REST answers) is stale and not reported. Under {@link #reporting}, with the stream's check of it.
     */
    private void report(BrokerReport report) {
        synchronized (reporting) {
            orders.noteReport(report.orderId());
            sink.report(report);
        }
        if (recorded != null && report instanceof Fill fill
                && fill.tradeId().startsWith(TradeUpdateTranslator.TRADE_ID_PREFIX)) {
            String executionId = fill.tradeId().substring(TradeUpdateTranslator.TRADE_ID_PREFIX.length());
            sink.whenRecorded(() -> recorded.append(executionId));
        }
    }

    /**
     * A request whose unexpected failure (an answer that cannot be read) becomes the given reject rather than a
     * silence that leaves the order pending forever; an interrupt (closing) just ends it.
     */
    private Runnable guarded(Request request, Function<String, BrokerReport> reject) {
        return () -> {
            try {
                request.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Alpaca request failed", e);
                report(reject.apply(e.getMessage()));
            }
        };
    }

    @FunctionalInterface
    private interface Request {
        void run() throws InterruptedException;
    }

    /** The stream's news, passed on to the sink. */
    private final class Listener implements StreamListener {
        @Override
        public void connectionChanged(boolean connected, String detail) {
            if (!connected) {
                executions.streamLost(); // before anyone can ask for the state: its recovery must see the gap
                LOG.warning(detail);
            }
            sink.connectionChanged(new BrokerConnectionChanged(connected, detail, clock.nanos()));
        }

        @Override
        public void tradeUpdate(JsonNode data) {
            try {
                // Decided and reported at once: a report from a REST answer cannot come between.
                synchronized (reporting) {
                    translator.translate(data).ifPresent(AlpacaBroker.this::report);
                }
            } catch (AlpacaProtocolException | IllegalArgumentException e) {
                // Unreadable: said loudly and not guessed at; the next state query recovers any fill in it.
                LOG.warning("unreadable Alpaca trade update skipped: " + e.getMessage());
            }
        }

        @Override
        public void trouble(String problem) {
            LOG.warning(problem);
        }
    }
}
