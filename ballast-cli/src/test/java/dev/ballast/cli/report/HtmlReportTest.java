package dev.ballast.cli.report;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The report page from hand-made run folders: self-contained, escaped, and honest about missing sections. */
class HtmlReportTest {
    private static final String EVIL = "<b>X&Y</b>";
    private static final String SCRIPT = "</script><script>alert(1)</script>";

    @TempDir
    Path dir;

    /** A run folder as ResultWriter writes it today (no analytics sections), with hostile names. */
    private Path runFolder(String name, String symbol) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name.replaceAll("[^a-z]", "") + "-run"));
        Files.writeString(run.resolve("results.json"), """
                {"schema":"ballast.results/1","name":%s,"mode":"backtest","config":"run.yaml",
                 "start":"2020-01-01T00:00:00Z","end":"2020-03-31T00:00:00Z","marketEvents":3,
                 "account":{"initialCash":"1000","finalEquity":"1100","fees":"2.5","totalReturn":0.1,
                            "maxDrawdown":"50","maxDrawdownFraction":0.0476,"ledgerBalanced":true},
                 "fills":1,"ordersByStatus":{"FILLED":1,"DENIED":1},
                 "riskDenialsByReason":{"MAX_ORDER_NOTIONAL":1},
                 "strategies":[{"id":%s,"realizedPnl":"100","unrealizedPnl":"0","fees":"2.5","netPnl":"97.5"}],
                 "quarantines":[{"strategy":%s,"reason":"ERROR","detail":"boom","ordersCanceled":0,"time":"2020-02-01T00:00:00Z"}],
                 "tradingStateChanges":[{"scope":"account","from":"ACTIVE","to":"HALTED","reason":"DAILY_LOSS","detail":"x","time":"2020-02-02T00:00:00Z"}],
                 "anomalies":[]}
                """.formatted(json(name), json(symbol), json(symbol)));
        Files.writeString(run.resolve("equity.csv"), """
                time,equity
                2020-01-01T00:00:00Z,1000
                2020-01-31T00:00:00Z,1050
                2020-02-15T00:00:00Z,1000
                2020-02-28T00:00:00Z,1020
                2020-03-31T00:00:00Z,1100
                """);
        Files.writeString(run.resolve("fills.csv"), "time,trade_id,order_id,strategy,symbol,side,quantity,price,commission\n"
                + "2020-01-02T00:00:00Z,P-1,s-1,s,\"" + symbol.replace("\"", "\"\"") + "\",BUY,10,100,2.5\n");
        Files.writeString(run.resolve("orders.csv"), "order_id,strategy,symbol,side,status,slippage_bps,commission\n"
                + "s-1,s," + symbol + ",BUY,FILLED,2.5,2.5\ns-2,s," + symbol + ",BUY,DENIED,,0\n");
        return run;
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void reportIsOneSelfContainedFile() throws IOException {
        Path report = HtmlReport.write(runFolder("demo", "AAPL"));

        String html = Files.readString(report);
        assertThat(report.getFileName().toString()).isEqualTo("report.html");
        Matcher remote = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html);
        assertThat(remote.find()).as("a src or href that fetches from the network").isFalse();
        assertThat(html).doesNotContainIgnoringCase("<script src").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(http");
        assertThat(html).contains("var uPlot=").contains(".uplot").contains("<script type=\"application/json\" id=\"report-data\">");
    }

    @Test
    void symbolsStrategyIdsAndNamesAreEscaped() throws IOException {
        String html = Files.readString(HtmlReport.write(runFolder(SCRIPT, EVIL)));

        assertThat(html).contains("&lt;b&gt;X&amp;Y&lt;/b&gt;").doesNotContain(EVIL);
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("alert(1)</script>");
    }

    @Test
    void dataInTheScriptBlockCannotCloseIt() {
        String block = Html.jsonScript("d", Map.of("label", SCRIPT + "&" + EVIL));

        assertThat(block).startsWith("<script type=\"application/json\" id=\"d\">").endsWith("</script>\n");
        String body = block.substring(block.indexOf('>') + 1, block.lastIndexOf("</script>"));
        assertThat(body).doesNotContain("<", ">", "&").contains("\\u003c/script\\u003e");
    }

    @Test
    void missingAnalyticsSectionsSayNotAvailableAndMonthlyReturnsComeFromEquity() throws IOException {
        String html = Files.readString(HtmlReport.write(runFolder("demo", "AAPL")));

        assertThat(html).contains("Performance statistics (results.json performance): not available")
                .contains("Execution-quality statistics (results.json executionQuality): not available")
                .contains("Closed trades (trades.csv) are not available")
                .contains("Computed from equity.csv");
        // Jan 1000 -> 1050 (+5.00%), Feb 1050 -> 1020 (-2.86%), Mar 1020 -> 1100 (+7.84%), year +10.00%
        assertThat(html).contains(">+5.00%<", ">-2.86%<", ">+7.84%<", ">+10.00%<");
        assertThat(html).contains("DAILY_LOSS", "HALTED", "MAX_ORDER_NOTIONAL");
    }

    @Test
    void analyticsSectionsAreRenderedWhenPresent() throws IOException {
        Path run = runFolder("demo", "AAPL");
        String results = Files.readString(run.resolve("results.json")).strip();
        results = results.substring(0, results.length() - 1) + """
                ,"performance":{"definitions":{"riskFreeRate":0.0},
                   "account":{"totalReturn":0.1,"sharpe":1.5,"maxDrawdown":0.0476,"trades":1},
                   "strategies":{"s":{"totalReturn":0.1,"sharpe":1.4}},"buyAndHold":{"totalReturn":0.05,"sharpe":0.7}},
                 "returns":{"monthly":[{"year":2020,"month":1,"return":0.123}],"yearly":[{"year":2020,"return":0.2}]},
                 "executionQuality":{"account":{"averageSlippageBps":2.5,"fillRatio":0.5,"ackMsP50":3},
                   "bySymbol":{"<i>Z</i>":{"averageSlippageBps":1.25}}},
                 "alerts":[{"kind":"SLIPPAGE","detail":"too high"}]}
                """;
        Files.writeString(run.resolve("results.json"), results);
        Files.writeString(run.resolve("trades.csv"), "strategy,symbol,direction,quantity,entry_time,entry_price,exit_time,exit_price,pnl,fees\n"
                + "s,AAPL,LONG,10,2020-01-02T00:00:00Z,100,2020-01-30T00:00:00Z,110,100,2.5\n");

        String html = Files.readString(HtmlReport.write(run));

        assertThat(html).doesNotContain("not available");
        assertThat(html).contains("Buy and hold", ">1.5000<", ">+12.30%<", ">+20.00%<", "From results.json",
                "Average slippage (bps)", "&lt;i&gt;Z&lt;/i&gt;", "SLIPPAGE", ">Trades</h2>", "LONG", "Risk free rate", "Sharpe");
    }

    @Test
    void computedPeriodReturnsChainMonthEnds() {
        long[] t = {at("2021-11-30"), at("2021-12-31"), at("2022-01-15"), at("2022-01-31")};
        double[] e = {100, 110, 99, 121};

        List<RunData.PeriodReturn> months = RunData.periodReturns(t, e, false);
        List<RunData.PeriodReturn> years = RunData.periodReturns(t, e, true);

        assertThat(months).extracting(RunData.PeriodReturn::month).containsExactly(11, 12, 1);
        assertThat(months.get(0).value()).isZero();                       // only the first point in November
        assertThat(months.get(1).value()).isCloseTo(0.10, within(1e-12)); // 100 -> 110
        assertThat(months.get(2).value()).isCloseTo(0.10, within(1e-12)); // 110 -> 121
        assertThat(years.get(0).value()).isCloseTo(0.10, within(1e-12));
        assertThat(years.get(1).value()).isCloseTo(0.10, within(1e-12));
        assertThat(RunData.drawdown(e)).containsExactly(0, 0, 99.0 / 110 - 1, 0);
    }

    @Test
    void longCurvesAreThinnedKeepingTheDeepestDrawdown() {
        int n = 100_000;
        long[] t = new long[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            e[i] = i == 54_321 ? 50 : 100 + i * 1e-3;
        }
        var data = ChartData.equityAndDrawdown(t, e, 1000);

        double[] dd = (double[]) data.get("drawdown");
        assertThat(dd).hasSize(1000);
        assertThat(Arrays.stream(dd).min().orElseThrow()).isCloseTo(50 / (100 + 54_320e-3) - 1, within(1e-6));
        assertThat(((long[]) data.get("t"))[999]).isEqualTo(n - 1);
    }

    @Test
    void unreadableRunFoldersNameTheFile() throws IOException {
        assertThatThrownBy(() -> RunData.load(dir.resolve("nope"))).isInstanceOf(ReportException.class).hasMessageContaining("nope");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> RunData.load(empty)).hasMessageContaining("results.json is missing");
        Path corrupt = runFolder("demo", "AAPL");
        Files.writeString(corrupt.resolve("results.json"), "{\"name\": ");
        assertThatThrownBy(() -> RunData.load(corrupt)).hasMessageContaining("corrupt JSON in").hasMessageContaining("results.json");
        Path badEquity = runFolder("other", "AAPL");
        Files.writeString(badEquity.resolve("equity.csv"), "time,equity\nyesterday,12\n");
        assertThatThrownBy(() -> RunData.load(badEquity)).hasMessageContaining("equity.csv:2");
    }

    @Test
    void compareNormalisesBothCurvesAndEscapesNames() throws IOException {
        RunData a = RunData.load(runFolder("alpha", "AAPL"));
        RunData b = RunData.load(runFolder(SCRIPT, EVIL));

        String html = CompareReport.render(a, b);

        assertThat(html).doesNotContain("alert(1)</script>").contains("id=\"compare-chart\"");
        var data = CompareReport.chartData(a, b, CompareReport.titles(a, b));
        assertThat((List<?>) data.get("a")).first().isEqualTo(1.0);
        assertThat((List<?>) data.get("a")).last().isEqualTo(1.1);
    }

    private static long at(String date) {
        return Instant.parse(date + "T00:00:00Z").getEpochSecond();
    }
}
