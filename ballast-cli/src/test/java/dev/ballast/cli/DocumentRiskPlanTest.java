package dev.ballast.cli;

import dev.ballast.engine.risk.LossLimits;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.RunPlanner;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A strategy document's own {@code risk:} section becomes that strategy's limits: every field applied,
 * merged with the run configuration's {@code risk.strategies} entry so the tightest wins, and never looser
 * than the account's.
 */
class DocumentRiskPlanTest {
    private static final StrategyId DOC = StrategyId.of("doc");

    @TempDir
    Path dir;

    private Path write(String documentRisk, String runRisk) throws IOException {
        Files.writeString(dir.resolve("bars.csv"), "timestamp,symbol,open,high,low,close,volume\n");
        Files.writeString(dir.resolve("doc.yaml"), """
                version: 1
                id: doc
                universe: [SYM000]
                timeframe: 1d
                entry: {longWhen: "close > 0"}
                exit: {longWhen: "close < 0"}
                sizing: {mode: fixed, quantity: 10}
                """ + documentRisk);
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
                run: {name: test, initialCash: 100000}
                data: {files: [bars.csv]}
                strategies:
                  - {id: doc, type: document, symbols: [SYM000], params: {file: doc.yaml}}
                """ + runRisk);
        return config;
    }

    @Test
    void appliesEveryFieldOfTheDocumentsRiskSection() throws IOException {
        RiskConfig risk = RunPlanner.plan(write("""
                risk:
                  order: {maxQuantity: 1000, maxNotional: 50000, priceCollarPct: 5, maxOpenOrders: 7, duplicateWindowMs: 1500, maxOrdersPerSecond: 3}
                  position: {maxQuantity: 900, maxNotional: 80000, maxPctOfEquity: 25, maxOpenPositions: 4, maxGrossExposure: 90000, maxNetExposure: 70000, maxConcentrationPct: 40, maxLeverage: 1.5}
                  loss: {maxDailyLoss: 2000, maxDailyLossPct: 2, flattenOnHalt: true, resumeNextDay: true, reduceOnlyDrawdownPct: 5, haltDrawdownPct: 10}
                  performance: {window: 30, minTrades: 5, minRollingPnl: -4000, maxRollingDrawdown: 3000, maxConsecutiveLosses: 6, minWinRatePct: 30, maxErrors: 9, maxRejectRatePct: 20, cooldownMinutes: 90}
                """, "")).risk();

        RiskLimits doc = risk.strategy(DOC);
        assertThat(doc).as("the document's limits are the strategy's").isNotNull();
        assertThat(doc.order()).isEqualTo(new OrderLimits(Quantity.ofUnits(1000), Money.ofUnits(50_000), Ratio.of("0.05"), 7,
                Duration.ofMillis(1500), 3));
        assertThat(doc.position()).isEqualTo(new PositionLimits(Quantity.ofUnits(900), Money.ofUnits(80_000), Ratio.of("0.25"), 4,
                Money.ofUnits(90_000), Money.ofUnits(70_000), Ratio.of("0.4"), Ratio.of("1.5")));
        assertThat(doc.loss()).isEqualTo(new LossLimits(Money.ofUnits(2000), Ratio.of("0.02"), true, true, Ratio.of("0.05"), Ratio.of("0.1")));
        assertThat(doc.performance()).isEqualTo(new PerformanceLimits(30, 5, Money.ofUnits(-4000), Money.ofUnits(3000), 6,
                Ratio.of("0.3"), 9, Ratio.of("0.2"), Duration.ofMinutes(90)));
        assertThat(risk.performance(DOC)).as("its circuit breaker").isEqualTo(doc.performance());
    }

    @Test
    void documentLimitLooserThanTheAccountsDoesNotLoosenIt() throws IOException {
        RiskConfig risk = RunPlanner.plan(write("""
                risk:
                  order: {maxQuantity: 100000, duplicateWindowMs: 10}
                  position: {maxLeverage: 5}
                  performance: {minWinRatePct: 5, cooldownMinutes: 1}
                """, """
                risk:
                  account:
                    order: {maxQuantity: 1000, duplicateWindowMs: 2000}
                    position: {maxLeverage: 2}
                    performance: {minWinRatePct: 30, cooldownMinutes: 60}
                """)).risk();

        RiskLimits doc = risk.strategy(DOC);
        assertThat(doc.order().maxQuantity()).isEqualTo(Quantity.ofUnits(1000));
        assertThat(doc.order().duplicateWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(doc.position().maxLeverage()).isEqualTo(Ratio.of("2"));
        assertThat(doc.performance().minWinRate()).isEqualTo(Ratio.of("0.3"));
        assertThat(doc.performance().cooldown()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void tightestOfTheDocumentAndTheRunConfigurationsStrategyLimitsWins() throws IOException {
        RiskConfig risk = RunPlanner.plan(write("""
                risk:
                  order: {maxQuantity: 2000, maxNotional: 10000}
                  loss: {maxDailyLoss: 500}
                """, """
                risk:
                  account:
                    order: {maxQuantity: 5000}
                  strategies:
                    doc:
                      order: {maxQuantity: 300, maxOpenOrders: 4}
                      loss: {maxDailyLoss: 900, resumeNextDay: true}
                """)).risk();

        RiskLimits doc = risk.strategy(DOC);
        assertThat(doc.order()).isEqualTo(new OrderLimits(Quantity.ofUnits(300), Money.ofUnits(10_000), null, 4, null, null));
        // resumeNextDay lifts a halt: only when both ask for it; the document did not.
        assertThat(doc.loss()).isEqualTo(new LossLimits(Money.ofUnits(500), null, false, false, null, null));
    }

    @Test
    void refusesFlattenOnHaltWithoutADailyLossLimitInsteadOfIgnoringIt() throws IOException {
        Path config = write("""
                risk:
                  loss: {haltDrawdownPct: 10, flattenOnHalt: true}
                """, "");
        assertThatThrownBy(() -> RunPlanner.plan(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("doc.yaml is not a valid strategy document")
                .hasMessageContaining("risk.loss.flattenOnHalt: has no effect without maxDailyLoss or maxDailyLossPct");
    }
}
