package dev.ballast.model.event;

import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;

/**
 * The venue corrected an execution it reported before (FIX ExecType G, Alpaca {@code trade_correct}): the trade
 * {@code tradeId} now stands at {@code quantity} at {@code price}, with {@code commission}. The books move by the
 * difference, once per {@code correctionId} (the venue's id of this correction, to recognise a repeated report).
 */
public record FillCorrected(ClientOrderId orderId, String tradeId, String correctionId, Quantity quantity, Price price,
                            Money commission, long timestamp) implements BrokerReport {
}
