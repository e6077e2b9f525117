package dev.ballast.model.event;

import dev.ballast.model.Symbol;

/** A market data event for one symbol: a bar, a trade or a quote. */
public sealed interface MarketData extends Event permits Bar, TradeTick, Quote {
    Symbol symbol();
}
