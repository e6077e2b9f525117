package dev.ballast.cli;

import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.cli.metrics.LiveMetrics;
import dev.ballast.runtime.Run;
import dev.ballast.runtime.RunOutcome;
import dev.ballast.model.RunMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Live metrics from the command line and over a real run of the engine. */
class MetricsCliTest {
    @TempDir
    Path dir;

    private Path config(String extra) throws IOException {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "3", "--bars", "500", "--seed", "11", "--out", dir.resolve("bars.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
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
                """ + extra);
        return config;
    }

    @Test
    void aRealRunsFillsAndEquityAreScraped() throws Exception {
        RunPlan plan = RunPlanner.plan(config(""));
        try (LiveMetrics metrics = LiveMetrics.start(0)) {
            RunOutcome outcome = Run.of(plan, RunMode.BACKTEST).attach(metrics::attach).build().execute();

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics.url())).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(outcome.result().fills()).isPositive();
            assertThat(response.body())
                    .contains("ballast_fills_total " + (double) outcome.result().fills())
                    .contains("ballast_orders_total{status=\"FILLED\"} " + (double) outcome.result().fills())
                    .contains("ballast_equity " + outcome.result().finalEquity().toDouble())
                    .contains("ballast_trading_state 0.0")
                    .contains("ballast_order_slippage_bps_count{direction=\"adverse\"} " + outcome.result().fills());
        }
    }

    @Test
    void paperRunServesMetricsWhenConfigured() throws IOException {
        CliRun run = CliRun.of("paper", "-q", config("metrics: {port: 0}\n").toString(), "--speed", "max");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("metrics: http://127\\.0\\.0\\.1:\\d+/metrics");
    }

    @Test
    void backtestServesMetricsOnlyWhenAsked() throws IOException {
        Path config = config("metrics: {port: 0}\n");

        CliRun plain = CliRun.of("backtest", "-q", config.toString());
        CliRun asked = CliRun.of("backtest", "-q", config.toString(), "--metrics-port", "0");

        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.err()).doesNotContain("metrics:");
        assertThat(asked.exitCode()).as(asked.err()).isZero();
        assertThat(asked.err()).contains("metrics: http://127.0.0.1:");
    }

    @Test
    void portsOutsideTheRangeAreUserErrors() throws IOException {
        CliRun config = CliRun.of("paper", "-q", config("metrics: {port: 70000}\n").toString(), "--speed", "max");
        CliRun flag = CliRun.of("backtest", "-q", config("").toString(), "--metrics-port", "-1");

        assertThat(config.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(config.err()).contains("metrics.port", "between 0 and 65535");
        assertThat(flag.exitCode()).isEqualTo(BallastCli.USER_ERROR);
        assertThat(flag.err()).contains("--metrics-port must be between 0 and 65535");
    }
}
