package dev.ballast.engine.strategy.lang;

import dev.ballast.engine.indicator.Indicators;
import dev.ballast.engine.strategy.StrategyContext;
import dev.ballast.engine.strategy.lang.StrategyDocument.Conditions;
import dev.ballast.engine.strategy.lang.StrategyDocument.ExitRules;
import dev.ballast.engine.strategy.lang.StrategyDocument.Sizing;
import dev.ballast.model.AssetClass;
import dev.ballast.model.BracketRole;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Position;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.Fill;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static dev.ballast.engine.strategy.lang.Ast.*;
import static org.assertj.core.api.Assertions.assertThat;

class DocumentStrategyTest {
    private static final Symbol AAA = Symbol.of("AAA");
    private static final StrategyId ID = StrategyId.of("doc");

    // ------------------------------------------------------------------ sizing, worked by hand

    @Test
    void fixedRoundsDownToLots() {
        Instrument lots10 = new Instrument(AAA, AssetClass.EQUITY, "USD", Price.of("0.01"), Quantity.ofUnits(10), 1);
        assertThat(PositionSizing.size(sizing("fixed", "105", null, null, null, null), null, "1d", lots10, Money.ofUnits(1000),
                Price.of("10"), Double.NaN)).isEqualTo(Quantity.ofUnits(100));
    }

    @Test
    void percentOfEquityIsExactWithLotAndMultiplier() {
        // 100,000 x 10% = 10,000; / (12.34 x 1) = 810.37 -> 810 shares
        Instrument equity = Instrument.equity(AAA, "USD");
        assertThat(PositionSizing.size(sizing("percentOfEquity", null, "10", null, null, null), null, "1d", equity,
                Money.ofUnits(100_000), Price.of("12.34"), Double.NaN)).isEqualTo(Quantity.ofUnits(810));
        // future, multiplier 50, lots of 1: 100,000 x 25% = 25,000; / (4,000 x 50 = 200,000) = 0.125 -> 0 contracts
        Instrument future = new Instrument(AAA, AssetClass.FUTURE, "USD", Price.of("0.25"), Quantity.ofUnits(1), 50);
        assertThat(PositionSizing.size(sizing("percentOfEquity", null, "25", null, null, null), null, "1d", future,
                Money.ofUnits(100_000), Price.of("4000"), Double.NaN)).isEqualTo(Quantity.ZERO);
        // 2,000,000 x 25% = 500,000 / 200,000 = 2.5 -> 2 contracts
        assertThat(PositionSizing.size(sizing("percentOfEquity", null, "25", null, null, null), null, "1d", future,
                Money.ofUnits(2_000_000), Price.of("4000"), Double.NaN)).isEqualTo(Quantity.ofUnits(2));
        // lots of 100: 10,000 / 12.34 = 810.37 -> 800
        Instrument round = new Instrument(AAA, AssetClass.EQUITY, "USD", Price.of("0.01"), Quantity.ofUnits(100), 1);
        assertThat(PositionSizing.size(sizing("percentOfEquity", null, "10", null, null, null), null, "1d", round,
                Money.ofUnits(100_000), Price.of("12.34"), Double.NaN)).isEqualTo(Quantity.ofUnits(800));
    }

    @Test
    void fixedRiskLosesRiskPercentAtTheStop() {
        // risk 1% of 100,000 = 1,000; per share 50 x 2% = 1; -> 1,000 shares
        Instrument equity = Instrument.equity(AAA, "USD");
        ExitRules exits = new ExitRules(new BigDecimal("2"), null, null);
        assertThat(PositionSizing.size(sizing("fixedRisk", null, null, null, null, "1"), exits, "1d", equity,
                Money.ofUnits(100_000), Price.of("50"), Double.NaN)).isEqualTo(Quantity.ofUnits(1000));
        // per share 30 x 3% = 0.9: 1,000 / 0.9 = 1,111.1 -> 1,111
        assertThat(PositionSizing.size(sizing("fixedRisk", null, null, null, null, "1"), new ExitRules(new BigDecimal("3"), null, null),
                "1d", equity, Money.ofUnits(100_000), Price.of("30"), Double.NaN)).isEqualTo(Quantity.ofUnits(1111));
    }

    @Test
    void volatilityTargetAnnualizesBySqrt252ForDailyBars() {
        // per-bar stdev 0.01 -> annual 0.01 x sqrt(252) = 0.158745; target 10% of 1,000,000 = 100,000;
        // V = 100,000 / 0.158745 = 629,941.3; / 100 per share = 6,299.4 -> 6,299
        Instrument equity = Instrument.equity(AAA, "USD");
        assertThat(PositionSizing.size(sizing("volatilityTarget", null, null, "10", 20, null), null, "1d", equity,
                Money.ofUnits(1_000_000), Price.of("100"), 0.01)).isEqualTo(Quantity.ofUnits(6299));
        assertThat(PositionSizing.barsPerYear("1h")).isEqualTo(1638.0);
        assertThat(PositionSizing.barsPerYear("5m")).isEqualTo(252.0 * 78);
        assertThat(PositionSizing.size(sizing("volatilityTarget", null, null, "10", 20, null), null, "1d", equity,
                Money.ofUnits(1_000_000), Price.of("100"), Double.NaN)).isEqualTo(Quantity.ZERO);
    }

    @Test
    void stopsAndTargetsRoundAwayFromTheEntry() {
        Price tick = Price.of("0.05");
        // long at 10.03: stop 2% = 9.8294 -> 9.80 (down), target 3% = 10.3309 -> 10.35 (up)
        assertThat(PositionSizing.offset(Price.of("10.03"), new BigDecimal("2"), false, tick)).isEqualTo(Price.of("9.80"));
        assertThat(PositionSizing.offset(Price.of("10.03"), new BigDecimal("3"), true, tick)).isEqualTo(Price.of("10.35"));
    }

    // ------------------------------------------------------------------ the strategy on a fake context

    private static Sizing sizing(String mode, String qty, String pct, String vol, Integer lookback, String risk) {
        return new Sizing(mode, qty == null ? null : new BigDecimal(qty), pct == null ? null : new BigDecimal(pct),
                vol == null ? null : new BigDecimal(vol), lookback, risk == null ? null : new BigDecimal(risk));
    }

    /** Long when close > 10, out when close < 9; short when close < 5, covered when close > 6. */
    private static DocumentStrategy strategy(ExitRules exits, String... unused) {
        return strategy(sizing("fixed", "10", null, null, null, null), exits);
    }

    private static DocumentStrategy strategy(Sizing sizing, ExitRules exits) {
        StrategyDocument doc = new StrategyDocument(1, "doc", null, List.of("AAA"), "1d", Map.of(),
                new Conditions("close > 10", "close < 5"), new Conditions("close < 9", "close > 6"),
                sizing, exits, null);
        return CompiledDocument.compile(doc, Map.of(
                "close > 10", bin(">", ser("close"), num(10)), "close < 5", bin("<", ser("close"), num(5)),
                "close < 9", bin("<", ser("close"), num(9)), "close > 6", bin(">", ser("close"), num(6)))).newStrategy();
    }

    private static Bar bar(String close) {
        Price p = Price.of(close);
        return new Bar(AAA, 0, p, p, p, p, Quantity.ofUnits(1));
    }

    @Test
    void entersLongExitsAndTracksThePendingOrder() {
        Fake ctx = new Fake();
        DocumentStrategy s = strategy(null);
        s.onStart(ctx);
        s.onBar(bar("11"));
        assertThat(ctx.submitted).hasSize(1);
        assertThat(ctx.submitted.get(0).side()).isEqualTo(OrderSide.BUY);
        s.onBar(bar("12")); // entry pending: nothing more
        assertThat(ctx.submitted).hasSize(1);
        ctx.fill(s, ctx.ids.get(0), ctx.submitted.get(0), "12");
        s.onBar(bar("13")); // long: entry not tested again
        assertThat(ctx.submitted).hasSize(1);
        s.onBar(bar("8.5")); // exit
        assertThat(ctx.submitted).hasSize(2);
        assertThat(ctx.submitted.get(1).side()).isEqualTo(OrderSide.SELL);
        assertThat(ctx.submitted.get(1).quantity()).isEqualTo(Quantity.ofUnits(10));
        ctx.fill(s, ctx.ids.get(1), ctx.submitted.get(1), "8.5");
        s.onBar(bar("4")); // flat, short entry
        assertThat(ctx.submitted.get(2).side()).isEqualTo(OrderSide.SELL);
    }

    @Test
    void aBustedEntryLeavesItFlatAndACorrectedOneExitsWhatItHolds() {
        Fake ctx = new Fake();
        DocumentStrategy s = strategy(null);
        s.onStart(ctx);
        s.onBar(bar("11"));
        ctx.fill(s, ctx.ids.get(0), ctx.submitted.get(0), "12");
        Fill entry = new Fill(ctx.ids.get(0), "t" + ctx.ids.get(0), AAA, OrderSide.BUY, Quantity.ofUnits(10), Price.of("12"),
                Money.ZERO, 0);
        s.onFillBusted(new FillBustBooked(entry, "b-1", ID, 1));
        s.onBar(bar("13")); // flat again: the entry signal enters again
        assertThat(ctx.submitted).hasSize(2);
        assertThat(ctx.submitted.get(1).side()).isEqualTo(OrderSide.BUY);
        ctx.fill(s, ctx.ids.get(1), ctx.submitted.get(1), "13");
        Fill second = new Fill(ctx.ids.get(1), "t" + ctx.ids.get(1), AAA, OrderSide.BUY, Quantity.ofUnits(10), Price.of("13"),
                Money.ZERO, 0);
        s.onFillCorrected(new FillCorrectionBooked(second, new Fill(second.orderId(), second.tradeId(), AAA, OrderSide.BUY,
                Quantity.ofUnits(6), Price.of("13"), Money.ZERO, 0), "c-1", ID, 2));
        s.onBar(bar("8.5")); // exit: what it holds after the correction
        assertThat(ctx.submitted.get(2).side()).isEqualTo(OrderSide.SELL);
        assertThat(ctx.submitted.get(2).quantity()).isEqualTo(Quantity.ofUnits(6));
    }

    @Test
    void notOfADivisionByZeroNeverTrades() {
        StrategyDocument doc = new StrategyDocument(1, "doc", null, List.of("AAA"), "1d", Map.of(),
                new Conditions("not (close / 0 > 1)", "not (close / 0 > 1 and close > 0) or close / 0 < 1"),
                new Conditions("close > 0", "close > 0"), sizing("fixed", "10", null, null, null, null), null, null);
        DocumentStrategy s = CompiledDocument.compile(doc, ExpressionParser::parse).newStrategy();
        Fake ctx = new Fake();
        s.onStart(ctx);
        for (String close : List.of("11", "4", "12", "0", "7")) s.onBar(bar(close));
        assertThat(ctx.submitted).isEmpty();
    }

    @Test
    void bracketExitsAndTrailingStop() {
        Fake ctx = new Fake();
        DocumentStrategy s = strategy(new ExitRules(new BigDecimal("5"), new BigDecimal("10"), new BigDecimal("2")));
        s.onStart(ctx);
        s.onBar(bar("20"));
        assertThat(ctx.brackets).hasSize(1);
        // stop 20 x 0.95 = 19.00, target 20 x 1.10 = 22.00
        assertThat(ctx.brackets.get(0)).containsExactly(Price.of("22.00"), Price.of("19.00"));
        ClientOrderId entry = ctx.ids.get(0);
        ctx.fill(s, entry, ctx.submitted.get(0), "20");
        // the engine arms the exits: ids entry+1 (take-profit) and entry+2 (stop-loss)
        ClientOrderId stopId = ClientOrderId.of(ID, 3);
        OrderRequest stop = OrderRequest.stop(AAA, OrderSide.SELL, Quantity.ofUnits(10), Price.of("19.00"));
        s.onOrderEvent(new Order(stopId, ID, stop, OrderStatus.ACCEPTED, Quantity.ZERO, Money.ZERO, null, 0, 0, BracketRole.STOP_LOSS, entry));
        s.onBar(bar("19.50")); // 19.50 x 0.98 = 19.11 > 19.00: raise
        assertThat(ctx.modified).containsExactly(Map.entry(stopId, Price.of("19.11")));
        s.onBar(bar("19.40")); // 19.012 < 19.11: stays
        assertThat(ctx.modified).hasSize(1);
        s.onBar(bar("21.01")); // 20.5898 -> 20.58 (down to the tick)
        assertThat(ctx.modified).hasSize(2);
        assertThat(ctx.modified.get(1).getValue()).isEqualTo(Price.of("20.58"));
        s.onBar(bar("8")); // exit signal: cancel the stop (and would the target), sell at market
        assertThat(ctx.canceled).contains(stopId);
        assertThat(ctx.submitted.getLast().side()).isEqualTo(OrderSide.SELL);
    }

    @Test
    void stopLossAloneIsAStandaloneStopAfterTheFill() {
        Fake ctx = new Fake();
        DocumentStrategy s = strategy(new ExitRules(new BigDecimal("5"), null, null));
        s.onStart(ctx);
        s.onBar(bar("20"));
        assertThat(ctx.brackets).isEmpty();
        ctx.fill(s, ctx.ids.get(0), ctx.submitted.get(0), "20.10");
        // 20.10 x 0.95 = 19.095 -> 19.09
        OrderRequest stop = ctx.submitted.get(1);
        assertThat(stop.stopPrice()).isEqualTo(Price.of("19.09"));
        assertThat(stop.side()).isEqualTo(OrderSide.SELL);
        assertThat(stop.quantity()).isEqualTo(Quantity.ofUnits(10));
    }

    @Test
    void sizingWhoseValueOverflowsTheFixedPointGivesZeroAndSaysWhy() {
        Instrument equity = Instrument.equity(AAA, "USD");
        // a billion shares at 100 is worth 1e11, beyond the largest amount (about 9.2e10)
        PositionSizing.Sized sized = PositionSizing.sizeOrOverflow(sizing("fixed", "1000000000", null, null, null, null), null,
                "1d", equity, Money.ofUnits(100_000), Price.of("100"), Double.NaN);
        assertThat(sized.quantity()).isEqualTo(Quantity.ZERO);
        assertThat(sized.overflow()).contains("1000000000").contains("beyond the largest amount");
        // a near-zero volatility makes the target position astronomically large
        PositionSizing.Sized volatility = PositionSizing.sizeOrOverflow(sizing("volatilityTarget", null, null, "200", 5, null), null,
                "1m", equity, Money.ofUnits(10_000_000), Price.of("100"), 1e-15);
        assertThat(volatility.quantity()).isEqualTo(Quantity.ZERO);
        assertThat(volatility.overflow()).contains("beyond the largest");
        // a size that fits has no overflow
        assertThat(PositionSizing.sizeOrOverflow(sizing("fixed", "10", null, null, null, null), null, "1d", equity,
                Money.ofUnits(100_000), Price.of("100"), Double.NaN)).isEqualTo(new PositionSizing.Sized(Quantity.ofUnits(10), null));
    }

    @Test
    void entryWhoseSizingOverflowsSendsNoOrderAndWarnsOnce() {
        Fake ctx = new Fake();
        DocumentStrategy s = strategy(sizing("fixed", "1000000000", null, null, null, null), null);
        s.onStart(ctx);
        s.onBar(bar("100"));
        s.onBar(bar("101"));
        assertThat(ctx.submitted).isEmpty();
        assertThat(ctx.logged).singleElement().asString().startsWith("warning: fixed sizing of AAA overflows the fixed point")
                .contains("no order sent");
    }

    /** A hand-driven context: records requests; fills only when the test says so. */
    static final class Fake implements StrategyContext {
        final List<OrderRequest> submitted = new ArrayList<>();
        final List<ClientOrderId> ids = new ArrayList<>();
        final List<List<Price>> brackets = new ArrayList<>();
        final List<ClientOrderId> canceled = new ArrayList<>();
        final List<Map.Entry<ClientOrderId, Price>> modified = new ArrayList<>();
        long seq = 1;

        void fill(DocumentStrategy s, ClientOrderId id, OrderRequest r, String price) {
            Order o = Order.initialized(id, ID, r, 0, BracketRole.NONE, null).withFill(r.quantity(), Price.of(price), 0)
                    .withStatus(OrderStatus.FILLED, 0);
            s.onOrderEvent(o);
            s.onFill(new Fill(id, "t" + id, AAA, r.side(), r.quantity(), Price.of(price), Money.ZERO, 0));
        }

        @Override public StrategyId strategyId() { return ID; }
        @Override public long now() { return 0; }
        @Override public ClientOrderId submit(OrderRequest request) {
            ClientOrderId id = ClientOrderId.of(ID, seq++);
            submitted.add(request);
            ids.add(id);
            return id;
        }
        @Override public ClientOrderId submitBracket(OrderRequest entry, Price takeProfit, Price stopLoss) {
            ClientOrderId id = submit(entry);
            seq += 2;
            brackets.add(List.of(takeProfit, stopLoss));
            return id;
        }
        @Override public void cancel(ClientOrderId orderId) { canceled.add(orderId); }
        @Override public void modify(ClientOrderId orderId, Quantity quantity, Price limitPrice, Price stopPrice) {
            modified.add(Map.entry(orderId, stopPrice));
        }
        @Override public Position position(Symbol symbol) { throw new UnsupportedOperationException(); }
        @Override public Money cash() { return Money.ofUnits(100_000); }
        @Override public Money equity() { return Money.ofUnits(100_000); }
        @Override public Price lastPrice(Symbol symbol) { return null; }
        @Override public Instrument instrument(Symbol symbol) { return Instrument.equity(symbol, "USD"); }
        @Override public Collection<Symbol> symbols() { return List.of(AAA); }
        @Override public Indicators indicators() { return Indicators.INSTANCE; }
        final List<String> logged = new ArrayList<>();
        @Override public void log(String message) { logged.add(message); }
    }
}
