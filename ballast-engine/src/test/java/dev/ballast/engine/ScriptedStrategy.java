package dev.ballast.engine;

import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.model.Order;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.Fill;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A test strategy that runs a script on each bar: {@code onBar(context, barIndex)}, counting bars
 * from 0, and records every order event and fill it receives.
 */
public class ScriptedStrategy implements Strategy {
    final List<Order> orderEvents = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();
    final List<Bar> bars = new ArrayList<>();
    private final BiConsumer<StrategyContext, Integer> script;
    StrategyContext context;
    boolean stopped;

    public ScriptedStrategy(BiConsumer<StrategyContext, Integer> script) {
        this.script = script;
    }

    @Override
    public void onStart(StrategyContext context) {
        this.context = context;
    }

    @Override
    public void onBar(Bar bar) {
        bars.add(bar);
        script.accept(context, bars.size() - 1);
    }

    @Override
    public void onOrderEvent(Order order) {
        orderEvents.add(order);
    }

    @Override
    public void onFill(Fill fill) {
        fills.add(fill);
    }

    @Override
    public void onStop() {
        stopped = true;
    }
}
