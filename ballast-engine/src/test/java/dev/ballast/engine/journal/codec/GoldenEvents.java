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
import dev.ballast.model.event.ExecutionAlert;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.OrderAccepted;
import dev.ballast.model.event.OrderApproved;
import dev.ballast.model.event.OrderDenied;
import dev.ballast.model.event.OrderUpdated;
import dev.ballast.model.event.QuarantineReason;
import dev.ballast.model.event.StrategyQuarantined;
import dev.ballast.model.event.SubmitBracket;
import dev.ballast.model.event.SubmitOrder;
import dev.ballast.model.event.TradingStateChanged;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

/** Representative journaled events (and edge values) whose canonical bytes are pinned by {@link CanonicalFormGoldenTest}. */
public final class GoldenEvents {
    private GoldenEvents() {
    }

    /** A record exercising the codec's generic cases: lists, sorted maps, boxed numbers, times, decimals, chars. */
    public record Everything(List<Object> items, TreeMap<String, Object> sorted, Object[] array, Instant instant, LocalDate date,
                      BigDecimal decimal, Character letter, Float ratio, Short small, Byte tiny, Boolean flag,
                      Integer count, Double nothing) {
    }

    public static List<Record> all() {
        StrategyId sma = StrategyId.of("sma");
        Symbol aapl = Symbol.of("AAPL");
        ClientOrderId id = ClientOrderId.of("sma-42");
        OrderRequest limit = OrderRequest.limit(aapl, OrderSide.BUY, Quantity.of("100.5"), Price.of("187.25"));
        Order initialized = Order.initialized(id, sma, limit, 1_700_000_000_000_000_000L, BracketRole.NONE, null);
        Order filled = initialized.withStatus(OrderStatus.ACCEPTED, 1_700_000_000_000_000_100L)
                .withFill(Quantity.of("100.5"), Price.of("187.2500001"), 1_700_000_000_000_000_200L)
                .withStatus(OrderStatus.FILLED, 1_700_000_000_000_000_200L);
        Fill fill = new Fill(id, "T-000042", aapl, OrderSide.SELL, Quantity.ofRaw(1), Price.ofRaw(Long.MAX_VALUE),
                Money.ofRaw(Long.MIN_VALUE), Long.MIN_VALUE);
        TreeMap<String, Object> sorted = new TreeMap<>();
        sorted.put("b", List.of());
        sorted.put("a", -0.0);
        return List.of(
                new RunJournal.RunStarted("golden \"run\"", "BACKTEST", List.of(new RunJournal.StrategyInfo("sma",
                        "dev.ballast.examples.SmaCrossover", null), new RunJournal.StrategyInfo("doc", "Doc", "ab12")),
                        "0.1.0", "25.0.3", false, "INTERVAL", null, null, null, 1_700_000_000_123_456_789L),
                new Bar(aapl, 1_700_000_000_000_000_000L, Price.of("187"), Price.of("188.5"), Price.of("-0.00000001"),
                        Price.ZERO, Quantity.of("12345678.87654321")),
                new SubmitOrder(sma, id, limit.withTimeInForce(TimeInForce.DAY), null, 1_700_000_000_000_000_000L),
                new SubmitBracket(sma, ClientOrderId.of("sma-43"), OrderRequest.market(aapl, OrderSide.SELL, Quantity.ofUnits(7)),
                        ClientOrderId.of("sma-44"), Price.of("200"), ClientOrderId.of("sma-45"), Price.of("150.1"),
                        Price.of("187.3"), 5),
                new OrderApproved(initialized, Price.of("187.25"), Money.of("18818.625"), Money.of("-0.5"),
                        Money.ofUnits(10_000_000), Money.ofRaw(-1), 6),
                new OrderUpdated(filled, OrderStatus.ACCEPTED, 7),
                new OrderDenied(initialized.withStatus(OrderStatus.DENIED, 8), RiskReason.MAX_ORDER_QUANTITY,
                        "tab\there, bell\u0007, nul\u0000, esc\u001b, quote \", back\\slash, cr\r lf\n, é ü – €, emoji \uD83D\uDE00,"
                                + " lone \uD800 surrogate \uDC00 end", 8),
                new OrderAccepted(id, "V-1", 9),
                fill,
                new FillBooked(fill, sma, 10),
                new ExecutionAlert(ExecutionAlert.Kind.SLIPPAGE, id, sma, aapl, 12.5, 1.0E-4, "slipped", 11),
                new ExecutionAlert(ExecutionAlert.Kind.TIME_TO_FILL, id, null, aapl, Double.NaN, -0.0, null, 12),
                new TradingStateChanged(null, TradingState.ACTIVE, TradingState.HALTED, TradingStateReason.JOURNAL_FAILURE, "disk full", 13),
                new StrategyQuarantined(sma, QuarantineReason.THREW, "boom", Integer.MIN_VALUE, 14),
                new AnomalyFlagged(Anomaly.DUPLICATE_FILL, id, "", 15),
                new Everything(List.of(1L, "a", true, List.of(2, 3)), sorted, new Object[]{null, 'x', 1.5f},
                        Instant.ofEpochSecond(1_700_000_000L, 123_000_000), LocalDate.of(2024, 2, 29),
                        new BigDecimal("1.2300E+3"), '\n', 1.0E10f, (short) -3, (byte) 127, Boolean.FALSE, 0, 1e-7));
    }
}
