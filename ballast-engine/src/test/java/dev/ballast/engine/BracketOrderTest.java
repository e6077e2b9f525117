package dev.ballast.engine;

import dev.ballast.engine.broker.paper.PaperBrokerSettings;
import java.time.Duration;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.BracketRole;
import dev.ballast.model.Money;
import dev.ballast.model.Order;
import dev.ballast.model.OrderRequest;
import dev.ballast.model.OrderSide;
import dev.ballast.model.OrderStatus;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ballast.engine.EngineFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;

/** Bracket orders: exits armed when the entry fills, sized to it, and one-cancels-other. */
class BracketOrderTest {
    private static final Symbol XYZ = Symbol.of("XYZ");
    private static final StrategyId ID = StrategyId.of("bracket");

    private static TradingEngine engine(ScriptedStrategy strategy, PaperBrokerSettings broker) {
        return EngineFixtures.backtest(Money.ofUnits(1_000_000), EngineFixtures.equities(XYZ), broker,
                RiskLimits.defaults(), IsolationPolicy.defaults(), List.of(new StrategySpec(ID, strategy, List.of(XYZ))));
    }

    private static ScriptedStrategy bracketOnFirstBar(String takeProfit, String stopLoss) {
        return new ScriptedStrategy((ctx, i) -> {
            if (i == 0) {
                ctx.submitBracket(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)),
                        Price.of(takeProfit), Price.of(stopLoss));
            }
        });
    }

    private static Order role(TradingEngine engine, BracketRole role) {
        return engine.orders().orders().stream().filter(o -> o.bracketRole() == role).findFirst().orElseThrow();
    }

    @Test
    void takeProfitFillCancelsTheStopLoss() {
        List<Bar> bars = List.of(
                bar(XYZ, 0, "100", "101", "99", "100", 1_000_000),
                bar(XYZ, 1, "100", "102", "99", "101", 1_000_000),   // entry fills at 100; exits armed
                bar(XYZ, 2, "101", "106", "100", "105", 1_000_000),  // high 106 reaches the take-profit 105
                bar(XYZ, 3, "105", "105", "90", "91", 1_000_000));   // would have hit the stop had it lived
        TradingEngine engine = engine(bracketOnFirstBar("105", "95"), EngineFixtures.frictionless());

        RunResult result = EngineFixtures.runBacktest(engine, bars);

        Order entry = role(engine, BracketRole.ENTRY);
        Order takeProfit = role(engine, BracketRole.TAKE_PROFIT);
        Order stopLoss = role(engine, BracketRole.STOP_LOSS);
        assertThat(entry.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(takeProfit.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(takeProfit.averageFillPrice()).isEqualTo(Price.of("105"));
        assertThat(takeProfit.parent()).isEqualTo(entry.id());
        assertThat(stopLoss.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(stopLoss.filledQuantity()).isEqualTo(Quantity.ZERO);
        // Bought 100 at 100, sold 100 at 105: +500, flat.
        assertThat(result.realizedPnl()).isEqualTo(Money.of("500"));
        assertThat(engine.portfolio().position(ID, XYZ).isFlat()).isTrue();
    }

    @Test
    void stopLossFillCancelsTheTakeProfit() {
        List<Bar> bars = List.of(
                bar(XYZ, 0, "100", "101", "99", "100", 1_000_000),
                bar(XYZ, 1, "100", "101", "99", "100", 1_000_000),
                bar(XYZ, 2, "99", "99", "94", "95", 1_000_000));     // low 94 triggers the stop at 95
        TradingEngine engine = engine(bracketOnFirstBar("110", "95"), EngineFixtures.frictionless());

        RunResult result = EngineFixtures.runBacktest(engine, bars);

        assertThat(role(engine, BracketRole.STOP_LOSS).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(role(engine, BracketRole.TAKE_PROFIT).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(result.realizedPnl()).isEqualTo(Money.of("-500"));
    }

    @Test
    void partialTakeProfitShrinksTheStopLossToWhatIsStillOpen() {
        // Each order may take at most 1% of a bar's volume: 40 of 4000.
        List<Bar> bars = List.of(
                bar(XYZ, 0, "100", "101", "99", "100", 10_000),
                bar(XYZ, 1, "100", "101", "99", "100", 10_000),      // entry: 100 of 100 (1% of 10000)
                bar(XYZ, 2, "104", "106", "103", "105", 4_000));     // take-profit fills 40 of 100
        TradingEngine engine = engine(bracketOnFirstBar("105", "95"),
                EngineFixtures.frictionless().withMaxVolumeShare(0.01));

        EngineFixtures.runBacktest(engine, bars);

        Order takeProfit = role(engine, BracketRole.TAKE_PROFIT);
        Order stopLoss = role(engine, BracketRole.STOP_LOSS);
        assertThat(takeProfit.filledQuantity()).isEqualTo(Quantity.ofUnits(40));
        assertThat(stopLoss.quantity()).isEqualTo(Quantity.ofUnits(60));
        assertThat(stopLoss.status().isOpen()).isTrue();
        assertThat(engine.portfolio().position(ID, XYZ).quantity()).isEqualTo(Quantity.ofUnits(60));
    }

    @Test
    void bracketWithInvertedExitsIsDenied() {
        List<Bar> bars = List.of(bar(XYZ, 0, "100", "101", "99", "100", 10_000), bar(XYZ, 1, "100", "101", "99", "100", 10_000));
        TradingEngine engine = engine(bracketOnFirstBar("95", "105"), EngineFixtures.frictionless());

        RunResult result = EngineFixtures.runBacktest(engine, bars);

        assertThat(role(engine, BracketRole.ENTRY).status()).isEqualTo(OrderStatus.DENIED);
        assertThat(result.denialsByReason()).containsOnlyKeys("BRACKET_EXITS_INVERTED");
        assertThat(engine.orders().orders()).hasSize(1);
    }

    @Test
    void onlyOneExitFillsWhenOneBarTouchesBothTheStopAndTheTarget() {
        // Issue #12: the venue saw the two exits as unrelated orders and filled both on a bar whose range reached
        // the take-profit and the stop-loss; the strategy ended short 100.
        for (var broker : List.of(EngineFixtures.frictionless(),
                EngineFixtures.frictionless().withLatency(Duration.ofMillis(5)))) {
            List<Bar> bars = List.of(
                    bar(XYZ, 0, "100", "101", "99", "100", 1_000_000),
                    bar(XYZ, 1, "100", "101", "99", "100", 1_000_000),   // entry fills at 100; exits armed
                    bar(XYZ, 2, "100", "106", "94", "100", 1_000_000),   // 106 reaches 105, 94 reaches 95
                    bar(XYZ, 3, "100", "106", "94", "100", 1_000_000));
            TradingEngine engine = engine(bracketOnFirstBar("105", "95"), broker);

            EngineFixtures.runBacktest(engine, bars);

            Order takeProfit = role(engine, BracketRole.TAKE_PROFIT);
            Order stopLoss = role(engine, BracketRole.STOP_LOSS);
            assertThat(takeProfit.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(stopLoss.status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(stopLoss.filledQuantity()).isEqualTo(Quantity.ZERO);
            assertThat(engine.portfolio().position(ID, XYZ).isFlat()).as("latency %s", broker.latency()).isTrue();
        }
    }

    @Test
    void exitsOfAnEntryThatOnlyClosedAShortAreDeniedAsTheyWouldOpenAPosition() {
        List<Bar> bars = List.of(
                bar(XYZ, 0, "100", "101", "99", "100", 1_000_000),
                bar(XYZ, 1, "100", "101", "99", "100", 1_000_000),   // the short sale fills
                bar(XYZ, 2, "100", "101", "99", "100", 1_000_000),   // the bracket's buy closes it: nothing held
                bar(XYZ, 3, "100", "106", "94", "100", 1_000_000));
        ScriptedStrategy strategy = new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.SELL, Quantity.ofUnits(100)));
            if (i == 1) ctx.submitBracket(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)),
                    Price.of("105"), Price.of("95"));
        });
        TradingEngine engine = engine(strategy, EngineFixtures.frictionless());

        RunResult result = EngineFixtures.runBacktest(engine, bars);

        assertThat(role(engine, BracketRole.TAKE_PROFIT).status()).isEqualTo(OrderStatus.DENIED);
        assertThat(role(engine, BracketRole.STOP_LOSS).status()).isEqualTo(OrderStatus.DENIED);
        assertThat(result.denialsByReason()).containsOnlyKeys("EXIT_WITHOUT_POSITION");
        assertThat(engine.portfolio().position(ID, XYZ).isFlat()).isTrue();
    }

    @Test
    void exitsAreCappedAtWhatTheStrategyHoldsAfterItsEntry() {
        List<Bar> bars = List.of(
                bar(XYZ, 0, "100", "101", "99", "100", 1_000_000),
                bar(XYZ, 1, "100", "101", "99", "100", 1_000_000),   // short 30
                bar(XYZ, 2, "100", "101", "99", "100", 1_000_000),   // buy 100: long 70
                bar(XYZ, 3, "100", "101", "94", "100", 1_000_000));  // the stop fills
        ScriptedStrategy strategy = new ScriptedStrategy((ctx, i) -> {
            if (i == 0) ctx.submit(OrderRequest.market(XYZ, OrderSide.SELL, Quantity.ofUnits(30)));
            if (i == 1) ctx.submitBracket(OrderRequest.market(XYZ, OrderSide.BUY, Quantity.ofUnits(100)),
                    Price.of("105"), Price.of("95"));
        });
        TradingEngine engine = engine(strategy, EngineFixtures.frictionless());

        EngineFixtures.runBacktest(engine, bars);

        assertThat(role(engine, BracketRole.TAKE_PROFIT).quantity()).isEqualTo(Quantity.ofUnits(70));
        assertThat(role(engine, BracketRole.STOP_LOSS).filledQuantity()).isEqualTo(Quantity.ofUnits(70));
        assertThat(engine.portfolio().position(ID, XYZ).isFlat()).isTrue();
    }
}
