package dev.ballast.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The YAML run configuration as written by the user, before validation: what {@link ConfigLoader}
 * reads. Unknown keys are refused by the loader; missing optional sections take defaults. Immutable.
 */
public record RunConfig(Run run, Data data, List<InstrumentSpec> instruments, List<StrategyConfig> strategies,
                        Broker broker, Risk risk, Isolation isolation, Paper paper) {

    /** Account and output: initial cash, the account currency, the output folder. */
    public record Run(String name, BigDecimal initialCash, String currency, String output) {
    }

    /** Market data: files (relative to the config file), their kind, the zone of zone-less timestamps, bad rows. */
    public record Data(String kind, List<String> files, String symbol, String zone, String onBadRow) {
    }

    /** One instrument's contract terms; symbols not listed are equities with a one-cent tick and lots of one. */
    public record InstrumentSpec(String symbol, String assetClass, BigDecimal tickSize, BigDecimal lotSize,
                                 Long multiplier) {
    }

    /** One strategy: its id, its type from the catalog, the symbols it trades, its parameters. */
    public record StrategyConfig(String id, String type, List<String> symbols, Map<String, Object> params) {
    }

    /** The paper broker: latency, share of bar volume, slippage and commission models, the zone for DAY expiry. */
    public record Broker(Long latencyMs, BigDecimal maxVolumeShare, Slippage slippage, Commission commission, String zone,
                         Long seed) {
    }

    /** Slippage model: {@code none}, {@code fixed} (bps) or {@code volume} (bps plus impact). */
    public record Slippage(String model, BigDecimal bps, BigDecimal impactBps) {
    }

    /** Commission model: {@code none}, {@code per-share} (perShare, minimum) or {@code bps} (bps). */
    public record Commission(String model, BigDecimal perShare, BigDecimal minimum, BigDecimal bps) {
    }

    /** Pre-trade limits; absent ones are not checked. */
    public record Risk(BigDecimal maxOrderNotional, BigDecimal maxPositionQuantity, BigDecimal maxPositionNotional,
                       Boolean checkBuyingPower) {
    }

    /** Strategy isolation limits. */
    public record Isolation(Long callbackBudgetMs, Integer maxRequestsPerCallback, Integer maxRequestsPerSecond,
                            Integer inboxCapacity) {
    }

    /** Paper mode: replay speed, a number (1 = real time) or {@code max}. */
    public record Paper(@JsonProperty("speed") String speed) {
    }
}
