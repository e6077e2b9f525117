package dev.ballast.engine.data;

/** The kind of rows a market data file holds, so {@link MarketDataFiles} can pick the reader. Immutable. */
public enum MarketDataKind {
    /** OHLCV bars: {@code timestamp,[symbol,]open,high,low,close,volume}. */
    BARS,
    /** Trade prints: {@code timestamp,[symbol,]price,size}. */
    TRADES
}
