package dev.ballast.engine.broker;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Order;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.BrokerReport;
import dev.ballast.model.event.MarketData;

import java.util.concurrent.CompletableFuture;

/**
 * The adapter SPI between the engine and a broker, the same for the paper broker and live ones.
 * Asynchronous like a real venue: {@link #submit}, {@link #cancel} and {@link #modify} return at once;
 * the outcome (accepted, rejected, fills, canceled...) arrives later as {@link BrokerReport}s through
 * the {@link BrokerReportSink} given to {@link #connect}. Nothing in the engine may assume a fill
 * arrives synchronously.
 *
 * <p>Threading: the engine calls every method on its own thread. An adapter may deliver reports from
 * any thread; the sink hands them to the engine's inbound queue.
 */
public interface BrokerageInterface {

    /** Wires the sink that receives every report. Called once, before any order. */
    void connect(BrokerReportSink sink);

    /** Sends a new order (its status is SUBMITTED). Must not block. */
    void submit(Order order);

    /** Asks to cancel a working order. Must not block. */
    void cancel(ClientOrderId orderId);

    /** Asks to change a working order's quantity or prices ({@code null}: unchanged). Must not block. */
    void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice);

    /**
     * Market data as the engine sees it. A simulated broker fills against it; a live adapter has its
     * venue for that and ignores it.
     */
    default void onMarketData(MarketData data) {}

    /** Engine time moved to {@code now} with no market data (timers, end of run). */
    default void onTime(long now) {}

    /**
     * Asks the broker for the account's open orders and positions (reconciliation after a restart). Must not
     * block; the future completes when the broker answers. A future that fails or never completes means the
     * broker's state is unknown, which the engine never takes for flat. Adapters that cannot be asked keep
     * this default, which fails.
     */
    default CompletableFuture<BrokerState> queryState() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                getClass().getSimpleName() + " cannot report its open orders and positions"));
    }

    /**
     * Whether the order with this client order id may have left for the broker, from this process or an earlier one
     * of the same run. {@code false} only on durable proof that it never did (the adapter keeps its own record of
     * what it sends, written before it sends): after a crash between an order's journal record and its message
     * leaving, reconciliation then closes the order in the engine instead of halting on an order the broker does not
     * have. This default, which has no such record, says it may have.
     */
    default boolean mayHaveSent(ClientOrderId orderId) {
        return true;
    }
}
