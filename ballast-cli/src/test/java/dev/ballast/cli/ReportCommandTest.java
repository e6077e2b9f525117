package dev.ballast.cli;

import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code ballast report} and {@code ballast compare} end to end, and the report of a real backtest
 * rendered by headless Chromium: the page must say both charts drew, and the screenshot must show them.
 * Chromium is required (Debian's {@code chromium} package; CI installs it): without it this test fails.
 */
class ReportCommandTest {
    private static final String CHROMIUM_ENV = "BALLAST_CHROMIUM";

    @TempDir
    static Path dir;

    /** Two real backtests of the same data with different parameters: out-a and out-b. */
    @BeforeAll
    static void backtests() throws IOException {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "3", "--bars", "750", "--seed", "7", "--out", dir.resolve("bars.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        for (String name : List.of("a", "b")) {
            Path config = dir.resolve(name + ".yaml");
            Files.writeString(config, """
                    run:
                      name: sma-%s
                      initialCash: 100000
                      output: out-%s
                    data:
                      files: [bars.csv]
                    strategies:
                      - id: sma
                        type: sma-crossover
                        symbols: [SYM000, SYM001, SYM002]
                        params: {fast: %d, slow: 30, quantity: 200}
                    broker:
                      slippage: {model: fixed, bps: 2}
                      commission: {model: per-share, perShare: 0.005, minimum: 1}
                    """.formatted(name, name, name.equals("a") ? 5 : 10));
            CliRun backtest = CliRun.of("backtest", "-q", config.toString());
            assertThat(backtest.exitCode()).as(backtest.err()).isZero();
            assertThat(backtest.out()).contains("Report", "report.html");
        }
    }

    @Test
    void everyBacktestWritesItsReport() throws IOException {
        Path report = dir.resolve("out-a/report.html");
        assertThat(report).exists();
        assertThat(Files.readString(report)).contains("sma-a", "id=\"equity-chart\"", "id=\"drawdown-chart\"");
    }

    @Test
    void reportRegeneratesTheFile() throws IOException {
        Path report = dir.resolve("out-b/report.html");
        Files.delete(report);

        CliRun run = CliRun.of("report", dir.resolve("out-b").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("report.html");
        assertThat(report).exists();
    }

    @Test
    void reportOfAMissingOrBrokenRunIsOneClearError() throws IOException {
        CliRun missing = CliRun.of("report", dir.resolve("no-such-run").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: run folder not found:", "no-such-run").doesNotContain("Exception", "\tat ");

        Path empty = Files.createDirectories(dir.resolve("empty-run"));
        CliRun noResults = CliRun.of("report", empty.toString());
        assertThat(noResults.exitCode()).isEqualTo(2);
        assertThat(noResults.err()).contains("results.json is missing");

        Path corrupt = Files.createDirectories(dir.resolve("corrupt-run"));
        Files.writeString(corrupt.resolve("results.json"), "{\"name\": \"x\",");
        CliRun bad = CliRun.of("report", corrupt.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("corrupt JSON in", "results.json").doesNotContain("\tat ");

        CliRun compare = CliRun.of("compare", dir.resolve("out-a").toString(), corrupt.toString());
        assertThat(compare.exitCode()).isEqualTo(2);
        assertThat(compare.err()).contains("corrupt-run", "results.json");
    }

    @Test
    void compareWritesThePageAndPrintsTheRunsSideBySide() throws IOException {
        Path out = dir.resolve("cmp/compare.html");

        CliRun run = CliRun.of("compare", dir.resolve("out-a").toString(), dir.resolve("out-b").toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sma-a", "sma-b", "Total return", "Max drawdown", "Final equity", out.toString());
        assertThat(Files.readString(out)).contains("id=\"compare-chart\"", "sma-a", "sma-b");
    }

    @Test
    @Tag("system") // headless Chromium: run by Failsafe (./mvnw verify)
    void chromiumRendersTheReportWithBothCharts() throws Exception {
        String chromium = chromium();
        Path report = dir.resolve("out-a/report.html");
        Path screenshot = dir.resolve("report.png");

        String dom = chromium(chromium, "dom", "--dump-dom", report);
        assertThat(dom).as("the page marks the charts it drew").contains("data-charts-drawn=\"2\"");
        chromium(chromium, "shot", "--screenshot=" + screenshot, report);

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image).as("a PNG screenshot").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(2000);
        // The equity and drawdown charts take roughly y 250..820 at this width: many colours (the blue line,
        // the red drawdown fill, axis text anti-aliasing) and many non-background pixels.
        Set<Integer> colours = new HashSet<>();
        int blue = 0;
        int red = 0;
        for (int y = 250; y < 850; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (b > 180 && r < 120 && g < 160) blue++;       // the equity line (#2563eb)
                if (r > 200 && g < 215 && b < 215 && r - g > 20) red++; // the drawdown line and fill (#c62828, alpha)
            }
        }
        assertThat(colours).as("distinct colours in the chart region").hasSizeGreaterThan(400);
        assertThat(blue).as("equity-line pixels").isGreaterThan(500);
        assertThat(red).as("drawdown pixels").isGreaterThan(500);
        Path keep = Path.of("target", "report-screenshot.png");
        Files.createDirectories(keep.getParent());
        Files.copy(screenshot, keep, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String chromium() {
        String configured = System.getenv(CHROMIUM_ENV);
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return fail("Chromium is needed to test the HTML report but was not found at /usr/bin/chromium. Install Debian's "
                + "chromium package (apt-get install chromium; .ci/run does this in CI) or set " + CHROMIUM_ENV + " to its path.");
    }

    /** Runs headless Chromium on the page with a fresh profile and no network; returns its standard output. */
    private static String chromium(String chromium, String profile, String mode, Path page) throws Exception {
        Path userData = Files.createTempDirectory(dir, "chromium-" + profile);
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + userData, "--window-size=1400,2000"));
        command.add(mode);
        command.add(page.toUri().toString());
        File stdout = dir.resolve("chromium-" + profile + ".out").toFile();
        File stderr = dir.resolve("chromium-" + profile + ".err").toFile();
        Process process = new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail("Chromium did not finish in 60 s: " + command + "\n" + Files.readString(stderr.toPath()));
        }
        assertThat(process.exitValue()).as("chromium exit code; stderr: " + Files.readString(stderr.toPath())).isZero();
        return Files.readString(stdout.toPath());
    }
}
