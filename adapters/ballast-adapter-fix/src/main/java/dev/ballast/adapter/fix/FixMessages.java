package dev.ballast.adapter.fix;

import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderType;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.TimeInForce;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.AccountType;
import quickfix.field.ClOrdID;
import quickfix.field.ClearingBusinessDate;
import quickfix.field.MassStatusReqID;
import quickfix.field.MassStatusReqType;
import quickfix.field.OrdStatusReqID;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PartyID;
import quickfix.field.PartyIDSource;
import quickfix.field.PartyRole;
import quickfix.field.PosReqID;
import quickfix.field.PosReqType;
import quickfix.field.Side;
import quickfix.field.StopPx;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassStatusRequest;
import quickfix.fix44.OrderStatusRequest;
import quickfix.fix44.RequestForPositions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the FIX 4.4 messages the adapter sends. Prices and quantities go out as their exact decimal text (no
 * {@code double} on the way). Stateless.
 */
final class FixMessages {
    /** MassStatusReqType 7: status of all orders. */
    static final int ALL_ORDERS = 7;

    private final String account;
    private final String partyId;

    /**
     * @param account  the account on every order ({@code null}: none)
     * @param partyId  who asks for positions (our SenderCompID), a required party of a RequestForPositions
     */
    FixMessages(String account, String partyId) {
        this.account = account;
        this.partyId = partyId;
    }

    Message newOrder(WorkingTerms order, LocalDateTime now) {
        NewOrderSingle message = new NewOrderSingle();
        message.setString(ClOrdID.FIELD, order.liveClOrdId());
        terms(message, order, order.quantity(), order.limitPrice(), order.stopPrice(), now);
        return message;
    }

    Message cancel(WorkingTerms order, String clOrdId, LocalDateTime now) {
        OrderCancelRequest message = new OrderCancelRequest();
        message.setString(OrigClOrdID.FIELD, order.liveClOrdId());
        message.setString(ClOrdID.FIELD, clOrdId);
        message.setString(Symbol.FIELD, order.symbol().value());
        message.setChar(Side.FIELD, side(order.side()));
        message.setString(OrderQty.FIELD, order.quantity().toString());
        message.setUtcTimeStamp(TransactTime.FIELD, now);
        if (account != null) message.setString(Account.FIELD, account);
        return message;
    }

    Message replace(WorkingTerms order, String clOrdId, Quantity quantity, Price limit, Price stop, LocalDateTime now) {
        OrderCancelReplaceRequest message = new OrderCancelReplaceRequest();
        message.setString(OrigClOrdID.FIELD, order.liveClOrdId());
        message.setString(ClOrdID.FIELD, clOrdId);
        terms(message, order, quantity, limit, stop, now);
        return message;
    }

    Message massStatus(String requestId) {
        OrderMassStatusRequest message = new OrderMassStatusRequest();
        message.setString(MassStatusReqID.FIELD, requestId);
        message.setInt(MassStatusReqType.FIELD, ALL_ORDERS);
        if (account != null) message.setString(Account.FIELD, account);
        return message;
    }

    Message orderStatus(WorkingTerms order, String requestId) {
        OrderStatusRequest message = new OrderStatusRequest();
        message.setString(ClOrdID.FIELD, order.liveClOrdId());
        message.setString(OrdStatusReqID.FIELD, requestId);
        message.setString(Symbol.FIELD, order.symbol().value());
        message.setChar(Side.FIELD, side(order.side()));
        if (account != null) message.setString(Account.FIELD, account);
        return message;
    }

    Message positions(String requestId, LocalDateTime now) {
        RequestForPositions message = new RequestForPositions();
        message.setString(PosReqID.FIELD, requestId);
        message.setInt(PosReqType.FIELD, PosReqType.POSITIONS);
        // Account is required in a RequestForPositions; without a configured one the party asking stands for it.
        message.setString(Account.FIELD, account != null ? account : partyId);
        message.setInt(AccountType.FIELD, AccountType.ACCOUNT_IS_CARRIED_ON_CUSTOMER_SIDE_OF_THE_BOOKS);
        message.setString(ClearingBusinessDate.FIELD, LocalDate.ofInstant(now.toInstant(ZoneOffset.UTC), ZoneOffset.UTC)
                .format(DateTimeFormatter.BASIC_ISO_DATE));
        message.setUtcTimeStamp(TransactTime.FIELD, now);
        RequestForPositions.NoPartyIDs party = new RequestForPositions.NoPartyIDs();
        party.setString(PartyID.FIELD, partyId);
        party.setChar(PartyIDSource.FIELD, PartyIDSource.PROPRIETARY);
        party.setInt(PartyRole.FIELD, PartyRole.CUSTOMER_ACCOUNT);
        message.addGroup(party);
        return message;
    }

    private void terms(Message message, WorkingTerms order, Quantity quantity, Price limit, Price stop,
                       LocalDateTime now) {
        message.setString(Symbol.FIELD, order.symbol().value());
        message.setChar(Side.FIELD, side(order.side()));
        message.setChar(OrdType.FIELD, ordType(order.type()));
        message.setString(OrderQty.FIELD, quantity.toString());
        if (order.type().needsLimitPrice()) message.setString(quickfix.field.Price.FIELD, limit.toString());
        if (order.type().needsStopPrice()) message.setString(StopPx.FIELD, stop.toString());
        message.setChar(quickfix.field.TimeInForce.FIELD, timeInForce(order.timeInForce()));
        message.setUtcTimeStamp(TransactTime.FIELD, now);
        if (account != null) message.setString(Account.FIELD, account);
    }

    static char side(OrderSide side) {
        return side == OrderSide.BUY ? Side.BUY : Side.SELL;
    }

    static char ordType(OrderType type) {
        return switch (type) {
            case MARKET -> OrdType.MARKET;
            case LIMIT -> OrdType.LIMIT;
            case STOP -> OrdType.STOP;
            case STOP_LIMIT -> OrdType.STOP_LIMIT;
        };
    }

    static char timeInForce(TimeInForce tif) {
        return switch (tif) {
            case DAY -> quickfix.field.TimeInForce.DAY;
            case GTC -> quickfix.field.TimeInForce.GOOD_TILL_CANCEL;
            case IOC -> quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL;
            case FOK -> quickfix.field.TimeInForce.FILL_OR_KILL;
        };
    }
}
