package dev.ballast.model.event;

import dev.ballast.model.StrategyId;

/** What a strategy asks the engine to do; the engine decides, through the RiskManager, what happens. */
public sealed interface StrategyRequest extends Event
        permits SubmitOrder, SubmitBracket, CancelOrder, ModifyOrder, StrategyFaulted {
    StrategyId strategyId();
}
