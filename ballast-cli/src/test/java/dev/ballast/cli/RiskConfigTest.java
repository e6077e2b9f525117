package dev.ballast.cli;

import dev.ballast.engine.risk.BreakerLimits;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.engine.risk.LossLimits;
import dev.ballast.engine.risk.OrderLimits;
import dev.ballast.engine.risk.PerformanceLimits;
import dev.ballast.engine.risk.PositionLimits;
import dev.ballast.engine.risk.Ratio;
import dev.ballast.engine.risk.RiskConfig;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.model.Money;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code risk:} section: a full valid section plans into the expected {@link RiskConfig}, and every
 * invalid one is refused before anything runs, with exit code 2 and one line naming the key's full path.
 */
class RiskConfigTest {
    @TempDir
    Path dir;

    private static final String FULL = """
            risk:
              tradingDayZone: America/New_York
              account:
                checkBuyingPower: true
                order: {maxQuantity: 10000, maxNotional: 50000, priceCollarPct: 5, maxOpenOrders: 50, duplicateWindowMs: 1000, maxOrdersPerSecond: 20}
                position: {maxQuantity: 1000, maxNotional: 200000, maxPctOfEquity: 25, maxOpenPositions: 10, maxGrossExposure: 500000, maxNetExposure: 300000, maxConcentrationPct: 40, maxLeverage: 2}
                correlation: {window: 60, threshold: 0.7, maxCorrelatedExposurePct: 50}
                loss: {maxDailyLoss: 2000, maxDailyLossPct: 2, flattenOnHalt: true, resumeNextDay: true, reduceOnlyDrawdownPct: 5, haltDrawdownPct: 10}
                performance: {window: 50, minTrades: 10, minRollingPnl: -5000, maxRollingDrawdown: 3000, maxConsecutiveLosses: 6, minWinRatePct: 30, maxErrors: 20, maxRejectRatePct: 20, cooldownMinutes: 60}
              strategies:
                sma:
                  order: {maxQuantity: 500, priceCollarPct: 2.5, duplicateWindowMs: 2000}
                  position: {maxQuantity: 400, maxLeverage: 1.5}
                  loss: {maxDailyLoss: 1000, haltDrawdownPct: 8}
                  performance: {maxConsecutiveLosses: 4, cooldownMinutes: 120}
              breakers: {staleDataMs: 5000, maxBrokerRejects: 5, rejectWindowMs: 10000, rejectPauseMs: 60000}
            """;

    private Path write(String risk) throws IOException {
        Files.writeString(dir.resolve("bars.csv"), "timestamp,symbol,open,high,low,close,volume\n");
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
                run:
                  name: test
                  initialCash: 100000
                data:
                  files: [bars.csv]
                strategies:
                  - id: sma
                    type: sma-crossover
                    symbols: [SYM000, SYM001]
                    params: {fast: 5, slow: 20, quantity: 10}
                  - id: rsi
                    type: rsi-mean-reversion
                    symbols: [SYM002]
                    params: {period: 14, oversold: 30, overbought: 70, quantity: 10}
                """ + risk);
        return config;
    }

    private record Outcome(int exitCode, String err) {
    }

    private static synchronized Outcome backtest(Path config) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Outcome(BallastCli.run("backtest", "-q", config.toString()), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void aFullRiskSectionPlansIntoTheEnginesConfig() throws IOException {
        RiskConfig risk = RunPlanner.plan(write(FULL)).risk();

        assertThat(risk.tradingDayZone()).isEqualTo(ZoneId.of("America/New_York"));
        RiskLimits account = risk.account();
        assertThat(account.checkBuyingPower()).isTrue();
        assertThat(account.order()).isEqualTo(new OrderLimits(Quantity.ofUnits(10_000), Money.ofUnits(50_000), Ratio.of("0.05"),
                50, Duration.ofSeconds(1), 20));
        assertThat(account.position()).isEqualTo(new PositionLimits(Quantity.ofUnits(1000), Money.ofUnits(200_000), Ratio.of("0.25"),
                10, Money.ofUnits(500_000), Money.ofUnits(300_000), Ratio.of("0.4"), Ratio.of("2")));
        assertThat(account.correlation().window()).isEqualTo(60);
        assertThat(account.correlation().threshold()).isEqualTo(0.7);
        assertThat(account.correlation().maxCorrelatedExposure()).isEqualTo(Ratio.of("0.5"));
        assertThat(account.loss()).isEqualTo(new LossLimits(Money.ofUnits(2000), Ratio.of("0.02"), true, true,
                Ratio.of("0.05"), Ratio.of("0.1")));
        assertThat(account.performance()).isEqualTo(new PerformanceLimits(50, 10, Money.ofUnits(-5000), Money.ofUnits(3000), 6,
                Ratio.of("0.3"), 20, Ratio.of("0.2"), Duration.ofMinutes(60)));

        RiskLimits sma = risk.strategy(StrategyId.of("sma"));
        assertThat(sma.order()).isEqualTo(new OrderLimits(Quantity.ofUnits(500), null, Ratio.of("0.025"), null, Duration.ofSeconds(2), null));
        assertThat(sma.position().maxQuantity()).isEqualTo(Quantity.ofUnits(400));
        assertThat(sma.position().maxLeverage()).isEqualTo(Ratio.of("1.5"));
        assertThat(sma.correlation()).isNull();
        assertThat(sma.loss()).isEqualTo(new LossLimits(Money.ofUnits(1000), null, false, false, null, Ratio.of("0.08")));
        assertThat(sma.checkBuyingPower()).isTrue();
        // The strategy's performance keys are laid over the account's.
        assertThat(risk.performance(StrategyId.of("sma"))).isEqualTo(new PerformanceLimits(50, 10, Money.ofUnits(-5000),
                Money.ofUnits(3000), 4, Ratio.of("0.3"), 20, Ratio.of("0.2"), Duration.ofMinutes(120)));
        assertThat(risk.strategy(StrategyId.of("rsi"))).isNull();
        assertThat(risk.performance(StrategyId.of("rsi"))).isEqualTo(account.performance());

        assertThat(risk.breakers()).isEqualTo(new BreakerLimits(Duration.ofSeconds(5), 5, Duration.ofSeconds(10), Duration.ofMinutes(1)));
    }

    @Test
    void percentagesConvertExactly() throws IOException {
        RiskConfig risk = RunPlanner.plan(write("""
                risk:
                  account:
                    order: {priceCollarPct: 0.123456}
                    position: {maxPctOfEquity: 150, maxConcentrationPct: 100}
                """)).risk();
        assertThat(risk.account().order().priceCollar()).isEqualTo(Ratio.of("0.00123456"));
        assertThat(risk.account().position().maxFractionOfEquity()).isEqualTo(Ratio.of("1.5"));
        assertThat(risk.account().position().maxConcentration()).isEqualTo(Ratio.of("1"));
    }

    @Test
    void absentKeysAreNotCheckedAndBuyingPowerDefaultsOn() throws IOException {
        assertThat(RunPlanner.plan(write("")).risk()).isEqualTo(RiskConfig.defaults());
        RiskConfig risk = RunPlanner.plan(write("risk:\n  account:\n    position: {maxQuantity: 100}\n")).risk();
        assertThat(risk.account().checkBuyingPower()).isTrue();
        assertThat(risk.account().order()).isEqualTo(OrderLimits.NONE);
        assertThat(risk.account().correlation()).isNull();
        assertThat(risk.account().loss()).isEqualTo(LossLimits.NONE);
        assertThat(risk.account().performance()).isSameAs(PerformanceLimits.NONE);
        assertThat(risk.breakers()).isEqualTo(BreakerLimits.NONE);
        assertThat(risk.tradingDayZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(RunPlanner.plan(write("risk:\n  account: {checkBuyingPower: false}\n")).risk().account().checkBuyingPower()).isFalse();
    }

    @Test
    void aStrategyMayTightenAndSetWhatTheAccountLeavesUnset() throws IOException {
        RiskConfig risk = RunPlanner.plan(write("""
                risk:
                  account:
                    position: {maxQuantity: 1000}
                  strategies:
                    rsi:
                      position: {maxQuantity: 1000, maxNotional: 5000}
                      order: {maxOrdersPerSecond: 2}
                """)).risk();
        assertThat(risk.strategy(StrategyId.of("rsi")).position().maxNotional()).isEqualTo(Money.ofUnits(5000));
        assertThat(risk.strategy(StrategyId.of("rsi")).order().maxOrdersPerSecond()).isEqualTo(2);
    }

    /** Each invalid section (YAML flow text, '|' for new lines) and the message it must get after "run.yaml: ". */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', textBlock = """
            account: {order: {priceCollarPct: -1}}                        ; risk.account.order.priceCollarPct: must be positive, was -1
            account: {order: {maxQuantity: 0}}                            ; risk.account.order.maxQuantity: must be positive, was 0
            account: {order: {maxNotional: -5}}                           ; risk.account.order.maxNotional: must be positive, was -5
            account: {order: {maxOpenOrders: 0}}                          ; risk.account.order.maxOpenOrders: must be positive, was 0
            account: {order: {duplicateWindowMs: -1000}}                  ; risk.account.order.duplicateWindowMs: must be positive, was -1000
            account: {order: {maxOrdersPerSecond: -2}}                    ; risk.account.order.maxOrdersPerSecond: must be positive, was -2
            account: {position: {maxQuantity: -1}}                        ; risk.account.position.maxQuantity: must be positive, was -1
            account: {position: {maxPctOfEquity: 0}}                      ; risk.account.position.maxPctOfEquity: must be positive, was 0
            account: {position: {maxOpenPositions: -3}}                   ; risk.account.position.maxOpenPositions: must be positive, was -3
            account: {position: {maxGrossExposure: 0}}                    ; risk.account.position.maxGrossExposure: must be positive, was 0
            account: {position: {maxNetExposure: -1}}                     ; risk.account.position.maxNetExposure: must be positive, was -1
            account: {position: {maxConcentrationPct: 120}}               ; risk.account.position.maxConcentrationPct: is a percentage and must be at most 100, was 120
            account: {position: {maxLeverage: 0}}                         ; risk.account.position.maxLeverage: must be positive, was 0
            account: {correlation: {window: 2, maxCorrelatedExposurePct: 50}}      ; risk.account.correlation.window: must be at least 3 bars, was 2
            account: {correlation: {threshold: 1.5, maxCorrelatedExposurePct: 50}} ; risk.account.correlation.threshold: must be between 0 and 1, was 1.5
            account: {correlation: {threshold: -0.1, maxCorrelatedExposurePct: 50}}; risk.account.correlation.threshold: must be between 0 and 1, was -0.1
            account: {correlation: {window: 60}}                          ; risk.account.correlation.maxCorrelatedExposurePct: is required
            account: {correlation: {maxCorrelatedExposurePct: -50}}       ; risk.account.correlation.maxCorrelatedExposurePct: must be positive, was -50
            account: {loss: {maxDailyLoss: -2000}}                        ; risk.account.loss.maxDailyLoss: must be positive, was -2000
            account: {loss: {maxDailyLossPct: 101}}                       ; risk.account.loss.maxDailyLossPct: is a percentage and must be at most 100, was 101
            account: {loss: {reduceOnlyDrawdownPct: 12, haltDrawdownPct: 10}}      ; risk.account.loss.reduceOnlyDrawdownPct: 12 must be below haltDrawdownPct 10
            account: {loss: {reduceOnlyDrawdownPct: 10, haltDrawdownPct: 10}}      ; risk.account.loss.reduceOnlyDrawdownPct: 10 must be below haltDrawdownPct 10
            account: {loss: {haltDrawdownPct: 0}}                         ; risk.account.loss.haltDrawdownPct: must be positive, was 0
            account: {performance: {window: 0}}                          ; risk.account.performance.window: must be positive, was 0
            account: {performance: {window: 5}}                          ; risk.account.performance.window: 5 must not be below minTrades 10
            account: {performance: {window: 20, minTrades: 30}}          ; risk.account.performance.minTrades: 30 must not exceed window 20
            account: {performance: {minTrades: -1}}                       ; risk.account.performance.minTrades: must be zero or positive, was -1
            account: {performance: {maxRollingDrawdown: -3000}}          ; risk.account.performance.maxRollingDrawdown: must be positive, was -3000
            account: {performance: {maxConsecutiveLosses: 0}}            ; risk.account.performance.maxConsecutiveLosses: must be positive, was 0
            account: {performance: {minWinRatePct: 130}}                 ; risk.account.performance.minWinRatePct: is a percentage and must be at most 100, was 130
            account: {performance: {maxErrors: -1}}                      ; risk.account.performance.maxErrors: must be positive, was -1
            account: {performance: {maxRejectRatePct: 0}}                ; risk.account.performance.maxRejectRatePct: must be positive, was 0
            account: {performance: {cooldownMinutes: 0}}                 ; risk.account.performance.cooldownMinutes: must be positive, was 0
            account: {order: {priceCollarPct: 0.0000001}}                 ; risk.account.order.priceCollarPct: has more decimals than a limit can hold (6 after the point), was 0.0000001
            tradingDayZone: Mars/Olympus                                  ; risk.tradingDayZone: 'Mars/Olympus' is not a time zone
            breakers: {staleDataMs: 0}                                    ; risk.breakers.staleDataMs: must be positive, was 0
            breakers: {maxBrokerRejects: -5, rejectWindowMs: 10000, rejectPauseMs: 60000}  ; risk.breakers.maxBrokerRejects: must be positive, was -5
            breakers: {maxBrokerRejects: 5, rejectPauseMs: 60000}        ; risk.breakers.rejectWindowMs: is required
            breakers: {maxBrokerRejects: 5, rejectWindowMs: 10000}       ; risk.breakers.rejectPauseMs: is required
            breakers: {rejectWindowMs: 10000}                             ; risk.breakers.rejectWindowMs: has no effect without maxBrokerRejects
            strategies: {smaa: {order: {maxQuantity: 10}}}                ; risk.strategies.smaa: no strategy has the id 'smaa' (configured: sma, rsi)
            strategies: {sma: {order: {maxQuantity: -10}}}                ; risk.strategies.sma.order.maxQuantity: must be positive, was -10
            strategies: {sma: {loss: {reduceOnlyDrawdownPct: 9, haltDrawdownPct: 8}}} ; risk.strategies.sma.loss.reduceOnlyDrawdownPct: 9 must be below haltDrawdownPct 8
            strategies: {sma: {performance: {window: 5}}}                ; risk.strategies.sma.performance.window: 5 must not be below minTrades 10
            """)
    void invalidRiskConfigIsRefusedNamingTheKey(String section, String message) throws IOException {
        Outcome outcome = backtest(write("risk: {" + section.strip() + "}\n"));

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("run.yaml: " + message.strip())
                .doesNotContain("Exception", "\tat ");
        assertThat(outcome.err().strip().lines()).hasSize(1);
    }

    /** Every limit a strategy sets looser than the account's, by its full key. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            order.maxQuantity           ; order: {maxQuantity: 10000}              ; order: {maxQuantity: 10001}              ; 10001 loosens the account's 10000
            order.maxNotional           ; order: {maxNotional: 50000}              ; order: {maxNotional: 60000}              ; 60000 loosens the account's 50000
            order.priceCollarPct        ; order: {priceCollarPct: 5}               ; order: {priceCollarPct: 5.5}             ; 5.5 loosens the account's 5
            order.maxOpenOrders         ; order: {maxOpenOrders: 50}               ; order: {maxOpenOrders: 51}               ; 51 loosens the account's 50
            order.duplicateWindowMs     ; order: {duplicateWindowMs: 1000}         ; order: {duplicateWindowMs: 500}          ; 500 loosens the account's 1000
            order.maxOrdersPerSecond    ; order: {maxOrdersPerSecond: 20}          ; order: {maxOrdersPerSecond: 40}          ; 40 loosens the account's 20
            position.maxQuantity        ; position: {maxQuantity: 1000}            ; position: {maxQuantity: 2000}            ; 2000 loosens the account's 1000
            position.maxNotional        ; position: {maxNotional: 200000}          ; position: {maxNotional: 200001}          ; 200001 loosens the account's 200000
            position.maxPctOfEquity     ; position: {maxPctOfEquity: 25}           ; position: {maxPctOfEquity: 30}           ; 30 loosens the account's 25
            position.maxOpenPositions   ; position: {maxOpenPositions: 10}         ; position: {maxOpenPositions: 11}         ; 11 loosens the account's 10
            position.maxGrossExposure   ; position: {maxGrossExposure: 500000}     ; position: {maxGrossExposure: 600000}     ; 600000 loosens the account's 500000
            position.maxNetExposure     ; position: {maxNetExposure: 300000}       ; position: {maxNetExposure: 400000}       ; 400000 loosens the account's 300000
            position.maxConcentrationPct; position: {maxConcentrationPct: 40}      ; position: {maxConcentrationPct: 50}      ; 50 loosens the account's 40
            position.maxLeverage        ; position: {maxLeverage: 2}               ; position: {maxLeverage: 2.5}             ; 2.5 loosens the account's 2
            loss.maxDailyLoss           ; loss: {maxDailyLoss: 2000}               ; loss: {maxDailyLoss: 3000}               ; 3000 loosens the account's 2000
            loss.maxDailyLossPct        ; loss: {maxDailyLossPct: 2}               ; loss: {maxDailyLossPct: 3}               ; 3 loosens the account's 2
            loss.reduceOnlyDrawdownPct  ; loss: {reduceOnlyDrawdownPct: 5}         ; loss: {reduceOnlyDrawdownPct: 6}         ; 6 loosens the account's 5
            loss.haltDrawdownPct        ; loss: {haltDrawdownPct: 10}              ; loss: {haltDrawdownPct: 15}              ; 15 loosens the account's 10
            performance.minRollingPnl   ; performance: {minRollingPnl: -5000}      ; performance: {minRollingPnl: -6000}      ; -6000 loosens the account's -5000
            performance.maxRollingDrawdown ; performance: {maxRollingDrawdown: 3000} ; performance: {maxRollingDrawdown: 3500} ; 3500 loosens the account's 3000
            performance.maxConsecutiveLosses ; performance: {maxConsecutiveLosses: 6} ; performance: {maxConsecutiveLosses: 7} ; 7 loosens the account's 6
            performance.minWinRatePct   ; performance: {minWinRatePct: 30}         ; performance: {minWinRatePct: 25}         ; 25 loosens the account's 30
            performance.maxErrors       ; performance: {maxErrors: 20}             ; performance: {maxErrors: 21}             ; 21 loosens the account's 20
            performance.maxRejectRatePct; performance: {maxRejectRatePct: 20}      ; performance: {maxRejectRatePct: 30}      ; 30 loosens the account's 20
            performance.cooldownMinutes ; performance: {cooldownMinutes: 60}       ; performance: {cooldownMinutes: 30}       ; 30 loosens the account's 60
            """)
    void strategyLimitsThatLoosenTheAccountsAreRefused(String key, String account, String strategy, String message) throws IOException {
        Outcome outcome = backtest(write("risk:\n  account: {" + account.strip() + "}\n  strategies:\n    sma: {" + strategy.strip() + "}\n"));

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("run.yaml: risk.strategies.sma." + key.strip() + ": " + message.strip())
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void unknownNestedKeysAreNamedWithTheirSection() throws IOException {
        Outcome outcome = backtest(write("risk:\n  strategies:\n    sma:\n      position: {maxQty: 10}\n"));
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("run.yaml:", "unknown key 'maxQty' in risk.strategies.sma.position", "maxQuantity");

        outcome = backtest(write("risk:\n  strategies:\n    sma:\n      correlation: {window: 10}\n"));
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("unknown key 'correlation' in risk.strategies.sma (valid keys: loss, order, performance, position)");
    }

    @Test
    void aFractionWhereACountIsExpectedIsRefusedNotTruncated() throws IOException {
        Outcome outcome = backtest(write("risk:\n  account:\n    order: {maxOpenOrders: 2.5}\n"));
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("risk.account.order.maxOpenOrders: expected a whole number, got 2.5");
    }

    @Test
    void theFlatRiskKeysOfEarlierVersionsSayWhereTheyMoved() throws IOException {
        Outcome outcome = backtest(write("risk:\n  maxPositionQuantity: 1000\n"));
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("unknown key 'maxPositionQuantity' in risk", "is now risk.account.position.maxQuantity");
    }
}
