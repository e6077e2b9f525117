package dev.ballast.engine.strategy;

import dev.ballast.engine.indicator.Indicators;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.util.Collection;

/**
 * What a strategy can do and see: submit, cancel and modify orders; read its positions, the
 * account's cash and equity, last prices and the clock; make indicators; log. Requests are
 * asynchronous: {@link #submit} returns the order's id at once and its fate arrives through
 * {@link Strategy#onOrderEvent}. Use it only from the strategy's own callbacks.
 */
public interface StrategyContext {

    StrategyId strategyId();

    /** Engine time in epoch nanoseconds. */
    long now();

    /** Asks for a new order; returns its deterministic client order id. */
    ClientOrderId submit(OrderRequest request);

    /**
     * Asks for a bracket: {@code entry}, then, once it fills, a take-profit limit at
     * {@code takeProfit} and a stop-loss stop at {@code stopLoss} for the filled quantity, each
     * canceling the other. Returns the entry's id.
     */
    ClientOrderId submitBracket(OrderRequest entry, Price takeProfit, Price stopLoss);

    void cancel(ClientOrderId orderId);

    /** Changes a working order's quantity or prices; {@code null} keeps a field as it is. */
    void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice);

    /** This strategy's position in {@code symbol} (flat if none). */
    Position position(Symbol symbol);

    /** The account's cash. */
    Money cash();

    /** The account's equity: cash plus the marked value of every position. */
    Money equity();

    /** The last traded or closing price seen for {@code symbol}, or {@code null} before any. */
    Price lastPrice(Symbol symbol);

    Instrument instrument(Symbol symbol);

    /** The symbols of the run. */
    Collection<Symbol> symbols();

    /** Factory for incremental indicators. */
    Indicators indicators();

    /** A log line attributed to this strategy. */
    void log(String message);
}
