package dev.ballast.engine.journal.codec;

import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.TradingStateReason;
import dev.ballast.model.RiskReason;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.TimeInForce;
import dev.ballast.model.TradingState;
import dev.ballast.model.event.Anomaly;
import dev.ballast.model.event.AnomalyFlagged;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.BrokerConnectionChanged;
import dev.ballast.model.event.CancelOrder;
import dev.ballast.model.event.CancelRejected;
import dev.ballast.model.event.BrokerReconciled;
import dev.ballast.model.event.ExecutionAlert;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import dev.ballast.model.event.FlattenPositions;
import dev.ballast.model.event.HaltTrading;
import dev.ballast.model.event.JournalFailed;
import dev.ballast.model.event.ModifyOrder;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderApproved;
import dev.ballast.model.event.OrderCanceled;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderExpired;
import dev.ballast.model.event.FillBusted;
import dev.ballast.model.event.FillCorrected;
import dev.ballast.model.event.OrderRejected;
import dev.ballast.model.event.OrderReplaced;
import dev.ballast.model.event.OrderRestated;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.QuarantineStrategy;
import dev.ballast.model.event.Quote;
import dev.ballast.model.event.ReplaceRejected;
import dev.ballast.model.event.RequestRefused;
import dev.ballast.model.event.ResumeTrading;
import dev.ballast.model.event.StopEngine;
import dev.ballast.model.event.OpenOrdersOnStop;
import dev.ballast.model.event.OperatorCommandRefused;
import dev.ballast.model.event.ReduceOnly;
import dev.ballast.model.event.StrategyUnquarantined;
import dev.ballast.model.event.UnquarantineStrategy;
import dev.ballast.model.event.StrategyFaulted;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.SubmitBracket;
import dev.ballast.model.event.SubmitOrder;
import dev.ballast.model.event.TradeTick;
import dev.ballast.model.event.RiskActionRequested;
import dev.ballast.model.event.TradingStateChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One representative instance of every record the journal holds, by class: nulls where the model allows them,
 * negative and eight-decimal values, strings that need escaping. {@link #concreteTypes} lists what must have one.
 */
final class JournalSamples {
    private JournalSamples() {
    }

    static final long T = 1_704_209_400_000_000_123L;
    static final StrategyId SMA = StrategyId.of("sma");
    static final ClientOrderId ID = ClientOrderId.of("sma-1");
    static final Symbol AAPL = Symbol.of("AAPL");

    static OrderRequest limitBuy() {
        return OrderRequest.limit(AAPL, OrderSide.BUY, Quantity.of("10.5"), Price.of("187.12345678"))
                .withTimeInForce(TimeInForce.DAY);
    }

    static Order order() {
        return Order.initialized(ID, SMA, limitBuy(), T, BracketRole.NONE, null)
                .withStatus(OrderStatus.ACCEPTED, T + 1)
                .withFill(Quantity.of("3"), Price.of("187.1"), T + 2);
    }

    static Fill fill() {
        return new Fill(ID, "t-1", AAPL, OrderSide.SELL, Quantity.of("0.00000001"), Price.of("-0.5"),
                Money.of("1.25"), T);
    }

    static Map<Class<?>, Record> all() {
        Map<Class<?>, Record> s = new LinkedHashMap<>();
        put(s, new Bar(AAPL, T, Price.of("1"), Price.of("2.5"), Price.of("0.75"), Price.of("1.5"), Quantity.of("12345")));
        put(s, new TradeTick(AAPL, T, Price.of("187.25"), Quantity.of("100")));
        put(s, new Quote(AAPL, T, Price.of("187.24"), Quantity.of("3"), Price.of("187.26"), Quantity.of("4")));
        put(s, new OrderAccepted(ID, "venue \"7\"", T));
        put(s, new OrderRejected(ID, "insufficient\nfunds\t\u0001", T));
        put(s, fill());
        put(s, new OrderCanceled(ID, null, T));
        put(s, new CancelRejected(ID, "too late", T));
        put(s, new OrderReplaced(ID, Quantity.of("7"), Price.of("101.01"), null, T));
        put(s, new ReplaceRejected(ID, "back\\slash", T));
        put(s, new OrderRestated(ID, Quantity.of("3"), null, Price.of("99"), "ExecRestatementReason 5", T));
        put(s, new OrderExpired(ID, Long.MIN_VALUE));
        put(s, new FillCorrected(ID, "VENUE-e-7", "VENUE-e-9", Quantity.of("0.5"), Price.of("101.25"), Money.of("0.01"), T));
        put(s, new FillBusted(ID, "VENUE-e-7", "VENUE-e-10", T));
        put(s, new SubmitOrder(SMA, ID, limitBuy(), Price.of("187"), T));
        put(s, new SubmitBracket(SMA, ClientOrderId.of("sma-2"),
                OrderRequest.market(AAPL, OrderSide.BUY, Quantity.of("5")), ClientOrderId.of("sma-3"),
                Price.of("190"), ClientOrderId.of("sma-4"), Price.of("180"), null, T));
        put(s, new CancelOrder(SMA, ID, T));
        put(s, new ModifyOrder(SMA, ID, null, Price.of("186.5"), Price.of("185"), T));
        put(s, new StrategyFaulted(SMA, QuarantineReason.THREW, "java.lang.ArithmeticException: / by zero", T));
        put(s, new StopEngine("signal:SIGTERM", "operator: end of day – ünïcode 😀", OpenOrdersOnStop.CANCEL, T));
        put(s, new QuarantineStrategy(SMA, "alice", "manual", T));
        put(s, new UnquarantineStrategy(SMA, "alice", "checked", T));
        put(s, new HaltTrading(null, "bob \"ops\"", "account halt", T));
        put(s, new ReduceOnly(null, "bob", "drawdown watch", T));
        put(s, new ResumeTrading(SMA, "alice", "", T));
        put(s, new FlattenPositions(SMA, "alice", "risk", T));
        put(s, new BrokerConnectionChanged(false, "socket closed", T));
        put(s, new JournalFailed("No space left on device", T));
        put(s, new OrderUpdated(order(), OrderStatus.SUBMITTED, T));
        put(s, new OrderDenied(Order.initialized(ClientOrderId.of("sma-5"), SMA, limitBuy(), T, BracketRole.TAKE_PROFIT,
                ID), RiskReason.MAX_ORDER_NOTIONAL, "notional 1,964.80 above 1,000", T));
        put(s, new FillBooked(fill(), SMA, T));
        put(s, new FillCorrectionBooked(fill(), new Fill(ID, "t-1", AAPL, OrderSide.SELL, Quantity.of("0.5"),
                Price.of("101.25"), Money.of("0.01"), T), "VENUE-e-9", SMA, T));
        put(s, new FillBustBooked(fill(), "VENUE-e-10", SMA, T));
        put(s, new StrategyQuarantined(SMA, QuarantineReason.OVERRAN_TIME_BUDGET, "took 51 ms", 3, T));
        put(s, new StrategyUnquarantined(SMA, "alice", "checked\nby hand", T));
        put(s, new OperatorCommandRefused("UnquarantineStrategy", SMA, "alice", "strategy sma was quarantined for a fault",
                T));
        put(s, new AnomalyFlagged(Anomaly.OVERFILL, ID, "filled 11 of 10", T));
        put(s, new RequestRefused(SMA, ID, "CancelOrder", RequestRefused.Kind.NO_LONGER_WORKING, "order is FILLED", T));
        put(s, new RiskActionRequested(SMA, RiskActionRequested.Action.FLATTEN, "operator flatten: end of day", T));
        put(s, new TradingStateChanged(null, TradingState.ACTIVE, TradingState.HALTED, TradingStateReason.DAILY_LOSS_LIMIT, "lost 2,001", T));
        put(s, new OrderApproved(order(), Price.of("187.2"), Money.of("1965.6"), Money.of("-0.00000001"),
                Money.of("100000"), Money.of("92233720368.54775807"), T));
        put(s, new ExecutionAlert(ExecutionAlert.Kind.SLIPPAGE, ID, SMA, AAPL, 1.0E-5, Double.NaN, "12.5 bps", T));
        put(s, new RunJournal.RunStarted("sma \"crossover\"", "backtest",
                List.of(new RunJournal.StrategyInfo("sma", "dev.ballast.examples.SmaCrossover", null),
                        new RunJournal.StrategyInfo("doc", "DocumentStrategy", "ab12")),
                "0.1.0", "25", false, "INTERVAL", "/runs/sma.yaml", "ab12", "max", T));
        put(s, new RunJournal.RunResumed("sma", 1234, "0.1.0", "25", T));
        put(s, new RunJournal.DataPosition(42, T));
        put(s, RunJournal.schema());
        put(s, new RunJournal.RunFinished("sma", "end of data", List.of(new RunJournal.Mark(AAPL, Price.of("187.25"))),
                List.of(new RunJournal.Holding(AAPL, Quantity.of("-10"))), Money.of("101872.5"), Money.of("-3.2"),
                Money.of("1.05"), Money.of("100000"), T));
        put(s, new RunJournal.RunStopped("signal:SIGINT", "stopped by signal SIGINT", OpenOrdersOnStop.LEAVE,
                new RunJournal.RunFinished("sma", "stopped", List.of(new RunJournal.Mark(AAPL, Price.of("1.5"))),
                        List.of(), Money.of("100000"), Money.ZERO, Money.ZERO, Money.of("100000"), T)));
        put(s, new BrokerReconciled(false, List.of("position AAPL: 10 in the engine, 0 at the broker"), 2, 1, T));
        return s;
    }

    private static void put(Map<Class<?>, Record> samples, Record r) {
        samples.put(r.getClass(), r);
    }

    /** The concrete records below {@code root}, found through the sealed hierarchy. */
    static List<Class<?>> concreteTypes(Class<?> root) {
        List<Class<?>> out = new ArrayList<>();
        if (root.isSealed()) {
            for (Class<?> sub : root.getPermittedSubclasses()) out.addAll(concreteTypes(sub));
        } else {
            out.add(root);
        }
        return out;
    }
}
