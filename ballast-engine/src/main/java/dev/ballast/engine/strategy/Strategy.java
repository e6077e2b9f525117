package dev.ballast.engine.strategy;

import dev.ballast.model.event.Bar;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.Quote;
import dev.ballast.model.event.TradeTick;
import dev.ballast.model.Order;

/**
 * A trading strategy written in Java: trusted, human-written code hosted by the StrategyExecutor.
 *
 * <p>Threading: the executor calls one strategy's callbacks from one thread at a time, never
 * concurrently, so a strategy needs no locks for its own state. In a backtest that thread is the
 * engine thread; in real time it is the strategy's own. Each callback should return quickly: one that
 * runs past the time budget (50 ms by default), throws, or floods orders gets the strategy quarantined.
 */
public interface Strategy {

    /** Called once before any data; keep the context for later callbacks. */
    void onStart(StrategyContext context);

    /** A completed bar for a symbol in the run. */
    default void onBar(Bar bar) {}

    /** A trade printed on the market. */
    default void onTrade(TradeTick trade) {}

    /** A new best bid and ask. */
    default void onQuote(Quote quote) {}

    /** One of this strategy's orders changed state (accepted, denied, rejected, canceled, filled...). */
    default void onOrderEvent(Order order) {}

    /** One of this strategy's orders filled, in part or in full; called after {@link #onOrderEvent}. */
    default void onFill(Fill fill) {}

    /**
     * The venue corrected one of this strategy's fills (new quantity, price or commission), and the books now hold the
     * corrected fill; called after {@link #onOrderEvent} with the order's restated filled quantity.
     */
    default void onFillCorrected(FillCorrectionBooked correction) {}

    /**
     * The venue busted one of this strategy's fills: it never happened and the books no longer hold it; called after
     * {@link #onOrderEvent} with the order's reduced filled quantity.
     */
    default void onFillBusted(FillBustBooked bust) {}

    /** Called once at the end of the run (not after a quarantine). */
    default void onStop() {}
}
