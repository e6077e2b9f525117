package dev.ballast.bench;

import dev.ballast.adapter.fix.FixWire;
import dev.ballast.engine.broker.BrokerReportSink;
import dev.ballast.engine.clock.Clock;
import dev.ballast.model.Order;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.SenderCompID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TargetCompID;
import quickfix.fix44.ExecutionReport;

import java.nio.file.Path;

/** The FIX adapter's wire: NewOrderSingle out, ExecutionReports (35=8) in. Threads as {@link VenueWire}. */
final class FixVenueWire implements VenueWire {
    private static final String VENUE = "BENCHVENUE";

    private final FixWire wire;

    FixVenueWire(Clock clock, BrokerReportSink sink, Path folder) {
        this.wire = new FixWire(VENUE, folder, clock, sink);
    }

    @Override
    public String encode(Order order) {
        return wire.newOrderSingle(order);
    }

    @Override
    public void recordSubmitted(Order order) {
        wire.recordSubmitted(order);
    }

    @Override
    public String acceptedText(Order order, long sequence) {
        ExecutionReport report = report(order, sequence, ExecType.NEW, OrdStatus.NEW);
        report.setString(CumQty.FIELD, "0");
        report.setString(LeavesQty.FIELD, order.quantity().toString());
        report.setString(AvgPx.FIELD, "0");
        return report.toString();
    }

    @Override
    public String filledText(Order order, Price price, long sequence) {
        ExecutionReport report = report(order, sequence, ExecType.TRADE, OrdStatus.FILLED);
        report.setString(LastQty.FIELD, order.quantity().toString());
        report.setString(LastPx.FIELD, price.toString());
        report.setString(CumQty.FIELD, order.quantity().toString());
        report.setString(LeavesQty.FIELD, "0");
        report.setString(AvgPx.FIELD, price.toString());
        return report.toString();
    }

    private static ExecutionReport report(Order order, long sequence, char execType, char status) {
        ExecutionReport report = new ExecutionReport();
        report.getHeader().setString(SenderCompID.FIELD, VENUE);
        report.getHeader().setString(TargetCompID.FIELD, "BALLAST");
        report.setString(OrderID.FIELD, "V" + order.id().value());
        report.setString(ExecID.FIELD, "X" + sequence);
        report.setChar(ExecType.FIELD, execType);
        report.setChar(OrdStatus.FIELD, status);
        report.setString(ClOrdID.FIELD, order.id().value());
        report.setString(Symbol.FIELD, order.symbol().value());
        report.setChar(Side.FIELD, order.side() == OrderSide.BUY ? Side.BUY : Side.SELL);
        report.setString(OrderQty.FIELD, order.quantity().toString());
        return report;
    }

    @Override
    public void deliver(String text) {
        wire.executionReport(text);
    }
}
