package dev.ballast.adapter.fix;

import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.Order;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.InvalidMessage;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.MessageUtils;
import quickfix.ValidationSettings;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The FIX adapter's own message code, reached from the live-path latency benchmark (which lives in ballast-bench, in
 * this package so that the adapter needs no public hook): a NewOrderSingle made and encoded exactly as
 * {@link FixBroker#submit} and its sender thread make it ({@link WorkingTerms}, {@link OrderChains},
 * {@link FixMessages#newOrder}, then QuickFIX/J's encoding to wire text), the {@link SubmittedOrdersFile} line the
 * sender writes (with {@code SYNC}) before the order leaves, apart ({@link #recordSubmitted}: it is a durability wait of
 * its own, measured as such), and an ExecutionReport's wire text parsed as the session parses it and mapped by the
 * adapter's {@link ExecutionReports}. What is left out is the session itself: header fields, sequence number, message
 * store and socket write (QuickFIX/J's, not Ballast's), and the sender's rate-limit pacing (a policy, not a cost).
 *
 * <p>Threading: {@link #newOrderSingle} from one thread (the engine's, here), {@link #executionReport} from one other
 * thread (the venue's, standing in for the session thread), as in the adapter.
 */
public final class FixWire {
    private final Clock clock;
    private final OrderChains chains;
    private final SubmittedOrdersFile submittedOrders;
    private final FixMessages messages;
    private final ExecutionReports executions;
    private final DataDictionary dictionary;
    private final MessageFactory factory = new DefaultMessageFactory();
    private final ValidationSettings validation = new ValidationSettings();

    /** @param storeDir where the adapter's submitted-orders file is written (a temporary folder) */
    public FixWire(String venue, Path storeDir, Clock clock, BrokerReportSink sink) {
        this.clock = clock;
        this.chains = new OrderChains(0);
        this.submittedOrders = new SubmittedOrdersFile(storeDir);
        this.messages = new FixMessages(null, "BALLAST");
        this.executions = new ExecutionReports(venue, chains, clock, sink);
        try {
            this.dictionary = new DataDictionary("FIX44.xml");
        } catch (ConfigError e) {
            throw new IllegalStateException("QuickFIX/J's FIX 4.4 dictionary cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The order as the adapter sends it: its NewOrderSingle's wire text (without the session's header fields). */
    public String newOrderSingle(Order order) {
        WorkingTerms terms = WorkingTerms.of(order);
        chains.submitted(terms);
        chains.startCumulative(order.id());
        return messages.newOrder(terms, now()).toString();
    }

    /** The adapter's line for the order in its submitted-orders file, written synchronously as the sender writes it. */
    public void recordSubmitted(Order order) {
        submittedOrders.append(WorkingTerms.of(order));
    }

    /** One ExecutionReport's wire text from the venue: parsed, mapped, and its report given to the engine's sink. */
    public void executionReport(String wireText) {
        try {
            Message report = MessageUtils.parse(factory, dictionary, validation, wireText, false);
            executions.onExecutionReport(report);
        } catch (InvalidMessage | FieldNotFound e) {
            throw new IllegalArgumentException("the benchmark's venue sent a bad ExecutionReport: " + e.getMessage(), e);
        }
    }

    private LocalDateTime now() {
        long nanos = clock.nanos();
        return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L),
                ZoneOffset.UTC);
    }
}
