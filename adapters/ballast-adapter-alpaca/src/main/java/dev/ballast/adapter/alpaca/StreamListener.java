package dev.ballast.adapter.alpaca;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@link TradeUpdateStream} tells its owner. Called from the stream's threads. */
interface StreamListener {
    /** Auth and listen succeeded ({@code true}) or a live stream died ({@code false}). */
    void connectionChanged(boolean connected, String detail);

    /** One {@code trade_updates} event's {@code data}. */
    void tradeUpdate(JsonNode data);

    /** Something went wrong that is not a change of connection (an unreadable message, a failed first connect). */
    void trouble(String problem);
}
