package dev.ballast.bench;

import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.TradeTick;

/**
 * The live-path benchmark's strategy: on every trade tick it sends {@code burst} market orders for one unit,
 * alternately buying and selling, so the position stays near flat however long the run; it stamps the start of each
 * tick's callback. Strategy thread only.
 */
final class TickTrader implements Strategy {
    private final int burst;
    private final LivePathProbe probe;
    private StrategyContext context;
    private boolean buy = true;

    TickTrader(int burst, LivePathProbe probe) {
        if (burst < 1) throw new IllegalArgumentException("a burst is at least one order, was " + burst);
        this.burst = burst;
        this.probe = probe;
    }

    @Override
    public void onStart(StrategyContext context) {
        this.context = context;
    }

    @Override
    public void onTrade(TradeTick trade) {
        probe.strategyCalled(System.nanoTime());
        for (int i = 0; i < burst; i++) {
            context.submit(OrderRequest.market(trade.symbol(), buy ? OrderSide.BUY : OrderSide.SELL, Quantity.ofUnits(1)));
            buy = !buy;
        }
    }
}
