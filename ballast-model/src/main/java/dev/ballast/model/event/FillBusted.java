package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;

/**
 * The venue cancelled an execution it reported before (FIX ExecType H, Alpaca {@code trade_bust}): the trade
 * {@code tradeId} never happened, and its booking is reversed, once per {@code bustId} (the venue's id of this
 * report, to recognise a repeated one).
 */
public record FillBusted(ClientOrderId orderId, String tradeId, String bustId, long timestamp) implements BrokerReport {
}
