package dev.ballast.cli;

import dev.ballast.engine.journal.store.FileJournalStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import org.assertj.core.api.Assertions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.cli.generate.StrategyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line end to end: real config files and CSV data on disk, the real engine and paper
 * broker, the files a run writes, and the exit code and one-line message a user mistake gets.
 */
class CliTest {
    @TempDir
    Path dir;

    private Path writeData(int bars) {
        Path data = dir.resolve("bars.csv");
        CliRun synth = CliRun.of("data", "synth", "--symbols", "3", "--bars", String.valueOf(bars), "--seed", "11", "--out", data.toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        return data;
    }

    private Path writeConfig(String yaml) throws IOException {
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    /** The Java crossover of {@link #config} written in the strategy language. */
    private static final String SMA_DOCUMENT = """
            version: 1
            id: sma_doc
            universe: [SYM000, SYM001, SYM002]
            timeframe: 1d
            entry: {longWhen: "crosses_above(sma(close, 5), sma(close, 20))"}
            exit: {longWhen: "crosses_below(sma(close, 5), sma(close, 20))"}
            sizing: {mode: fixed, quantity: 10}
            """;

    /** {@link #config} running the strategy document at {@code file} (relative to the config) instead. */
    private static String documentConfig(String file) {
        return config("").replace("type: sma-crossover", "type: document")
                .replace("params: {fast: 5, slow: 20, quantity: 10}", "params: {file: " + file + "}");
    }

    /** A small SMA-crossover backtest of bars.csv beside it into out/, with {@code extra} appended. */
    static String config(String extra) {
        return """
                run:
                  name: test
                  initialCash: 100000
                  output: out
                data:
                  files: [bars.csv]
                strategies:
                  - id: sma
                    type: sma-crossover
                    symbols: [SYM000, SYM001, SYM002]
                    params: {fast: 5, slow: 20, quantity: 10}
                broker:
                  slippage: {model: fixed, bps: 2}
                  commission: {model: per-share, perShare: 0.005, minimum: 1}
                """ + extra;
    }

    @Test
    void backtestWritesResultsAndPrintsTheSummary() throws IOException {
        writeData(500);
        Path config = writeConfig(config(""));

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Backtest test", "Final equity", "Max drawdown", "Orders", "Ledger balanced    yes");
        Path out = dir.resolve("out");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("schema").asText()).isEqualTo("ballast.results/1");
        assertThat(results.get("marketEvents").asLong()).isEqualTo(1500);
        assertThat(results.get("account").get("ledgerBalanced").asBoolean()).isTrue();
        assertThat(results.get("fills").asLong()).isPositive();
        List<String> orders = Files.readAllLines(out.resolve("orders.csv"));
        List<String> fills = Files.readAllLines(out.resolve("fills.csv"));
        assertThat(orders.getFirst()).startsWith("order_id,strategy,symbol,side");
        assertThat(orders).hasSizeGreaterThan(1);
        assertThat(fills).hasSize((int) results.get("fills").asLong() + 1);
        assertThat(Files.readAllLines(out.resolve("equity.csv"))).hasSize(501);
        assertThat(run.out()).contains("Chart", out.resolve("equity.png").toString());
        assertThat(out.resolve("equity.png")).isNotEmptyFile();
    }

    /** The types of a run's journal records, in order, read back from its files. */
    private static List<String> journalTypes(Path journal) {
        List<String> types = new ArrayList<>();
        try (var store = FileJournalStore.openReadOnly(journal)) {
            long expected = 1;
            for (var it = store.read(1); it.hasNext(); ) {
                var record = it.next();
                assertThat(record.sequence()).isEqualTo(expected++);
                types.add(record.type());
            }
        }
        return types;
    }

    @Test
    void backtestWritesAJournalThatVerifies() throws IOException {
        writeData(200);
        Path config = writeConfig(config(""));

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path out = dir.resolve("out");
        Path journal = out.resolve("journal");
        List<String> types = journalTypes(journal);
        assertThat(run.out()).contains("Journal", journal + " (" + types.size() + " records)");
        CliRun verify = CliRun.of("audit", "verify", out.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("OK: " + types.size() + " records");
        assertThat(types.getFirst()).isEqualTo("RunStarted");
        assertThat(types).doesNotContain("Bar")
                .containsSubsequence("SubmitOrder", "OrderApproved", "OrderUpdated", "Fill", "FillBooked");
        int fills = (int) new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("fills").asLong();
        assertThat(types).filteredOn("FillBooked"::equals).hasSize(fills);

        // A second run into the same folder replaces the journal: a fresh chain that verifies.
        CliRun again = CliRun.of("backtest", "-q", config.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(journalTypes(journal)).hasSize(types.size());
        assertThat(CliRun.of("audit", "verify", out.toString()).exitCode()).isZero();
    }

    @Test
    void theHeadARunPrintsAnchorsItsJournal() throws IOException {
        writeData(200);
        Path config = writeConfig(config(""));
        CliRun run = CliRun.of("backtest", "-q", config.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String head = run.out().lines().filter(l -> l.trim().startsWith("Journal head")).findFirst().orElseThrow()
                .trim().substring("Journal head".length()).trim();
        String out = dir.resolve("out").toString();
        long sequence = Long.parseLong(head.substring(0, head.indexOf(':')));

        CliRun anchored = CliRun.of("audit", "verify", out, "--anchor", head);
        assertThat(anchored.exitCode()).as(anchored.err()).isZero();
        assertThat(anchored.out()).contains("OK: " + sequence + " records", "; head " + head,
                "anchored record " + sequence + " matches");

        String otherHash = sequence + ":" + "0".repeat(64);
        CliRun mismatch = CliRun.of("audit", "verify", out, "--anchor", otherHash);
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.out()).contains("ANCHOR_MISMATCH", "the anchor says " + "0".repeat(64));
        CliRun beyond = CliRun.of("audit", "verify", out, "--anchor", (sequence + 5) + head.substring(head.indexOf(':')));
        assertThat(beyond.exitCode()).isEqualTo(1);
        assertThat(beyond.out()).contains("TRUNCATED", "the journal ends at record " + sequence);
        CliRun malformed = CliRun.of("audit", "verify", out, "--anchor", "12:xyz");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("--anchor: the hash after the ':' must be 64 hex digits, was 3 characters");
    }

    @Test
    void journalRecordsMarketDataWhenAskedAndCanBeTurnedOff() throws IOException {
        writeData(50);
        Path config = writeConfig(config("journal: {marketData: true, fsync: never}\n"));
        CliRun run = CliRun.of("backtest", "-q", config.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(journalTypes(dir.resolve("out").resolve("journal"))).filteredOn("Bar"::equals).hasSize(150);

        Path off = writeConfig(config("journal: {enabled: false}\n").replace("output: out", "output: off"));
        CliRun quiet = CliRun.of("backtest", "-q", off.toString());
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).doesNotContain("Journal");
        assertThat(dir.resolve("off").resolve("journal")).doesNotExist();
    }

    @Test
    void badJournalSettingsAreRefused() throws IOException {
        writeData(10);
        CliRun run = CliRun.of("backtest", "-q", writeConfig(config("journal: {fsync: sometimes}\n")).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("journal.fsync", "interval, every-batch or never");
        CliRun typo = CliRun.of("backtest", "-q", writeConfig(config("journal: {marketdata: true}\n")).toString());
        assertThat(typo.exitCode()).isEqualTo(2);
    }

    @Test
    void backtestWritesPerformanceExecutionQualityAndTrades() throws IOException {
        writeData(500);
        Path config = writeConfig(config(""));

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Strategy", "Buy & hold", "Sharpe", "Sortino", "Calmar", "Profit factor", "Closed trades");
        Path out = dir.resolve("out");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode performance = results.get("performance");
        assertThat(performance.get("definitions").get("standardDeviation").asText()).isEqualTo("sample");
        assertThat(performance.get("definitions").get("periodsPerYear").isNumber()).isTrue();
        JsonNode account = performance.get("account");
        for (String key : List.of("totalReturn", "annualizedReturn", "volatility", "sharpe", "sortino", "calmar", "maxDrawdown",
                "maxDrawdownDurationDays", "numberOfTrades", "winRate", "profitFactor", "averageWin", "averageLoss",
                "expectancy", "exposureTime", "turnover", "fees")) {
            assertThat(account.has(key)).as(key).isTrue();
        }
        assertThat(account.get("totalReturn").asDouble()).isCloseTo(results.get("account").get("totalReturn").asDouble(),
                Assertions.within(1e-9));
        assertThat(account.get("fees").isTextual()).isTrue();
        assertThat(performance.get("strategies").has("sma")).isTrue();
        assertThat(performance.get("buyAndHold").get("numberOfTrades").isNull()).isTrue();
        assertThat(performance.get("buyAndHold").get("volatility").isNumber()).isTrue();
        JsonNode returns = results.get("returns");
        assertThat(returns.get("daily").size()).isPositive();
        assertThat(returns.get("daily").get(0).has("date")).isTrue();
        assertThat(returns.get("monthly").get(0).has("month")).isTrue();
        assertThat(returns.get("yearly").get(0).has("return")).isTrue();
        JsonNode execution = results.get("executionQuality");
        assertThat(execution.get("account").get("orders").asLong()).isPositive();
        assertThat(execution.get("byStrategy").has("sma")).isTrue();
        assertThat(execution.get("bySymbol").has("SYM000")).isTrue();
        assertThat(execution.get("byBroker").has("paper")).isTrue();
        assertThat(execution.get("account").get("timeToFillMs").has("p99")).isTrue();
        assertThat(results.get("alerts").isArray()).isTrue();
        List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
        assertThat(trades.getFirst()).isEqualTo("strategy,symbol,direction,quantity,entry_time,average_entry_price,exit_time,"
                + "average_exit_price,gross_pnl,fees,pnl");
        assertThat(trades).hasSize(account.get("numberOfTrades").asInt() + 1);
        assertThat(account.get("numberOfTrades").asInt()).isPositive();
    }

    @Test
    void analyticsSectionSetsTheDefinitionsAndTheAlertBand() throws IOException {
        writeData(300);
        Path config = writeConfig(config("analytics:\n  periodsPerYear: 365\n  riskFreeRatePct: 2\n  stdDev: population\n"
                + "  alerts: {maxSlippageBps: 0.5}\n"));

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        JsonNode definitions = results.get("performance").get("definitions");
        assertThat(definitions.get("periodsPerYear").asDouble()).isEqualTo(365.0);
        assertThat(definitions.get("riskFreeRate").asDouble()).isEqualTo(0.02);
        assertThat(definitions.get("standardDeviation").asText()).isEqualTo("population");
        // Fills pay 2 bps of slippage on the next open, which is not the arrival close: some orders leave a 0.5 bps band.
        assertThat(results.get("alerts").size()).isPositive();
    }

    @Test
    void invalidAnalyticsValueIsNamedByItsKey() throws IOException {
        writeData(10);
        Path config = writeConfig(config("analytics: {stdDev: median}\n"));

        CliRun run = CliRun.of("backtest", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("analytics.stdDev: 'median' is not one of: sample, population");
    }

    @Test
    void documentStrategyTradesExactlyAsTheJavaCrossover() throws IOException {
        writeData(400);
        Files.writeString(dir.resolve("sma.yaml"), SMA_DOCUMENT);
        Path java = writeConfig(config(""));
        CliRun javaRun = CliRun.of("backtest", "-q", java.toString(), "--out", dir.resolve("java").toString());
        Path document = writeConfig(documentConfig("sma.yaml"));
        CliRun documentRun = CliRun.of("backtest", "-q", document.toString(), "--out", dir.resolve("document").toString());

        assertThat(javaRun.exitCode()).as(javaRun.err()).isZero();
        assertThat(documentRun.exitCode()).as(documentRun.err()).isZero();
        List<String> javaFills = Files.readAllLines(dir.resolve("java/fills.csv"));
        assertThat(javaFills).hasSizeGreaterThan(5);
        assertThat(Files.readAllLines(dir.resolve("document/fills.csv"))).isEqualTo(javaFills);
        // The run names the exact document its orders came from.
        JsonNode origin = new ObjectMapper().readTree(dir.resolve("document/results.json").toFile())
                .get("strategies").get(0).get("document");
        assertThat(origin.get("file").asText()).endsWith("sma.yaml");
        assertThat(origin.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(sha256(Files.readAllBytes(dir.resolve("sma.yaml")))));
        assertThat(origin.get("provenance").isNull()).isTrue();
    }

    @Test
    void generatedDocumentTracesToItsProvenance() throws IOException {
        writeData(100);
        StrategyRegistry registry = new StrategyRegistry(dir.resolve("registry"));
        Path registered = registry.reserve("sma_doc").dir();
        registry.write(new StrategyRegistry.Reservation("sma_doc", registered), SMA_DOCUMENT,
                new ObjectMapper().createObjectNode().put("model", "stub"), "generate", Instant.EPOCH, text -> text);
        Path config = writeConfig(documentConfig("registry/sma_doc/strategy.yaml"));

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode document = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile())
                .get("strategies").get(0).get("document");
        assertThat(document.get("provenance").asText()).endsWith("provenance.json");
        assertThat(document.get("provenanceSha256").asText()).isEqualTo(
                HexFormat.of().formatHex(sha256(Files.readAllBytes(registered.resolve("provenance.json")))));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void invalidStrategyDocumentRefusesTheRunWithItsPath() throws IOException {
        writeData(10);
        Files.writeString(dir.resolve("bad.yaml"), """
                version: 1
                id: bad
                universe: [SYM000]
                timeframe: 1d
                entry: {longWhen: "smaa(close, 5) > 1"}
                exit: {longWhen: "close < 1"}
                sizing: {mode: fixed, quantity: 10}
                """);
        Path config = writeConfig(documentConfig("bad.yaml"));

        CliRun run = CliRun.of("backtest", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("strategies[0].params.file", "entry.longWhen", "smaa");
    }

    @Test
    void backtestIsDeterministic() throws IOException {
        writeData(300);
        Path config = writeConfig(config(""));

        CliRun.of("backtest", "-q", config.toString(), "--out", dir.resolve("a").toString());
        CliRun.of("backtest", "-q", config.toString(), "--out", dir.resolve("b").toString());

        assertThat(Files.readString(dir.resolve("a/orders.csv"))).isEqualTo(Files.readString(dir.resolve("b/orders.csv")));
        assertThat(Files.readString(dir.resolve("a/fills.csv"))).isEqualTo(Files.readString(dir.resolve("b/fills.csv")));
    }

    @Test
    void backtestWithAOneMillisecondBudgetBesideACpuHogTradesAsWithTheDefaultBudget() throws Exception {
        writeData(2_000);
        Path config = writeConfig(config(""));
        Path squeezedConfig = dir.resolve("squeezed.yaml");
        Files.writeString(squeezedConfig, config("isolation: {callbackBudgetMs: 1}\n"));

        CliRun unhurried = CliRun.of("backtest", "-q", config.toString(), "--out", dir.resolve("a").toString());
        AtomicBoolean hogging = new AtomicBoolean(true);
        Thread hog = Thread.ofPlatform().daemon().start(() -> {
            long sink = 0;
            while (hogging.get()) sink += System.nanoTime() & 1;
            if (sink == 42) System.out.print(""); // keeps the loop from being optimized away
        });
        CliRun squeezed;
        try {
            squeezed = CliRun.of("backtest", "-q", squeezedConfig.toString(), "--out", dir.resolve("b").toString());
        } finally {
            hogging.set(false);
            hog.join();
        }

        assertThat(unhurried.exitCode()).as(unhurried.err()).isZero();
        assertThat(squeezed.exitCode()).as(squeezed.err()).isZero();
        assertThat(squeezed.out()).doesNotContain("QUARANTINED");
        assertThat(Files.readString(dir.resolve("b/orders.csv"))).isEqualTo(Files.readString(dir.resolve("a/orders.csv")));
        assertThat(Files.readString(dir.resolve("b/fills.csv"))).isEqualTo(Files.readString(dir.resolve("a/fills.csv")));
    }

    @Test
    void runReportsEachStrategysCallbackTimesInTheSummaryAndResults() throws IOException {
        writeData(300);
        Path config = writeConfig(config(""));

        CliRun run = CliRun.of("backtest", "-q", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("Callback times +callbacks +p50 +p90 +p99 +max")
                .containsPattern("\\n  sma +[0-9,]+ +[0-9.]+ [nu]?s");
        JsonNode times = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile()).get("callbackTimesUs");
        JsonNode sma = times.get("sma");
        assertThat(sma.get("callbacks").asLong()).as("900 bars, each order event and fill, start and stop")
                .isGreaterThan(900);
        assertThat(sma.get("p50").asDouble()).isPositive();
        assertThat(sma.get("p50").asDouble()).isLessThanOrEqualTo(sma.get("p90").asDouble());
        assertThat(sma.get("p90").asDouble()).isLessThanOrEqualTo(sma.get("p99").asDouble());
        assertThat(sma.get("p99").asDouble()).isLessThanOrEqualTo(sma.get("max").asDouble());
    }

    @Test
    void paperRunReplaysTheDataAndTrades() throws IOException {
        writeData(200);
        Path config = writeConfig(config(""));

        CliRun run = CliRun.of("paper", "-q", config.toString(), "--speed", "max");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Paper run test", "Market events      600");
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        assertThat(results.get("mode").asText()).isEqualTo("paper");
        assertThat(results.get("account").get("ledgerBalanced").asBoolean()).isTrue();
    }

    @Test
    void unknownConfigKeyIsNamedWithItsLine() throws IOException {
        writeData(10);
        Path config = writeConfig(config("risk:\n  account:\n    order: {maxNotionl: 5000}\n"));

        CliRun run = CliRun.of("backtest", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("run.yaml:", "unknown key 'maxNotionl' in risk.account.order", "maxNotional")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void invalidValueIsNamedByItsKey() throws IOException {
        writeData(10);
        Path config = writeConfig(config("risk:\n  account:\n    order: {maxNotional: -5}\n"));

        CliRun run = CliRun.of("backtest", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("risk.account.order.maxNotional: must be positive, was -5");
    }

    @Test
    void unknownStrategyParameterIsNamed() throws IOException {
        writeData(10);
        Path config = writeConfig(config("").replace("quantity: 10", "qty: 10"));

        CliRun run = CliRun.of("backtest", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("strategies[0].params.qty: unknown parameter for sma-crossover (valid: fast, quantity, slow)");
    }

    @Test
    void missingDataFileIsNamed() throws IOException {
        Path config = writeConfig(config(""));

        CliRun run = CliRun.of("backtest", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("data.files[0]: file not found").contains("bars.csv");
    }

    @Test
    void badDataRowStopsTheRunWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("bars.csv"), """
                timestamp,symbol,open,high,low,close,volume
                2024-01-02,SYM000,10,11,9,10,100
                2024-01-03,SYM000,10,9,11,10,100
                """);
        Path config = writeConfig(config(""));

        CliRun run = CliRun.of("backtest", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bars.csv:3:").contains("high").doesNotContain("\tat ");
    }

    @Test
    void badDataRowsAreSkippedAndCountedWhenAsked() throws IOException {
        Files.writeString(dir.resolve("bars.csv"), """
                timestamp,symbol,open,high,low,close,volume
                2024-01-02,SYM000,10,11,9,10,100
                2024-01-03,SYM000,10,9,11,10,100
                2024-01-04,SYM000,NaN,11,9,10,100
                2024-01-05,SYM000,10,11,9,10.5,100
                """);
        // Only SYM000 has data: a strategy symbol without any refuses the run.
        Path config = writeConfig(config("").replace("symbols: [SYM000, SYM001, SYM002]", "symbols: [SYM000]"));

        CliRun run = CliRun.of("backtest", "-q", "--skip-bad-rows", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Rows skipped       2");
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        assertThat(results.get("skippedRows").asLong()).isEqualTo(2);
        assertThat(results.get("marketEvents").asLong()).isEqualTo(2);
    }

    @Test
    void badFlagGetsUsageAndExitCodeTwo() {
        CliRun run = CliRun.of("paper", "x.yaml", "--speed", "fast");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--speed must be 'max' or a positive number");
    }

    @Test
    void synthIsSeededAndRepeatable() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CliRun.of("data", "synth", "--symbols", "2", "--bars", "50", "--seed", "5", "--out", a.toString());
        CliRun.of("data", "synth", "--symbols", "2", "--bars", "50", "--seed", "5", "--out", b.toString());

        assertThat(Files.readAllLines(a)).hasSize(101).isEqualTo(Files.readAllLines(b));
    }
}
