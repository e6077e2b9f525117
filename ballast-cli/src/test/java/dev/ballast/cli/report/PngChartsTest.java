package dev.ballast.cli.report;

import java.util.Locale;
import java.util.function.IntPredicate;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PngChartsTest {
    @TempDir
    Path dir;

    /** A random walk with a deep fall in the middle, one point a minute from 2024-01-02. */
    private Path writeEquity(Path folder, int points) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(7);
        long start = Instant.parse("2024-01-02T14:30:00Z").getEpochSecond();
        double equity = 100_000;
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("equity.csv"))) {
            out.write("time,equity\n");
            for (int i = 0; i < points; i++) {
                double drift = i > points / 3 && i < points / 2 ? -0.0004 : 0.0002;
                equity *= 1 + drift + random.nextGaussian() * 0.001;
                out.write(Instant.ofEpochSecond(start + 60L * i) + "," + String.format(Locale.ROOT, "%.2f", equity) + "\n");
            }
        }
        return folder;
    }

    private static boolean isBlue(int rgb) {
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        return b > 120 && b - r > 60 && b - g > 30;
    }

    private static boolean isRed(int rgb) {
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        return r > 150 && r - g > 40 && r - b > 40;
    }

    private static int count(BufferedImage image, int fromY, int toY, IntPredicate colour) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (colour.test(image.getRGB(x, y))) n++;
            }
        }
        return n;
    }

    @Test
    void drawsTheEquityCurveOnTopAndTheDrawdownBelow() throws IOException {
        Path folder = writeEquity(dir.resolve("run"), 20_000);

        Path png = PngCharts.write(folder);

        assertThat(png).isEqualTo(folder.resolve("equity.png")).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(PngCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(PngCharts.HEIGHT);
        int half = image.getHeight() / 2;
        // Blue (the equity line) in the top half; red (the drawdown area) in the bottom half. The equity
        // panel takes the top three quarters of the plot area, the drawdown panel the last quarter.
        assertThat(count(image, 0, half, PngChartsTest::isBlue)).isGreaterThan(1_000);
        assertThat(count(image, half, image.getHeight(), PngChartsTest::isRed)).isGreaterThan(1_000);
        assertThat(count(image, 0, image.getHeight() * 7 / 10, PngChartsTest::isRed)).isZero();
        assertThat(count(image, image.getHeight() * 3 / 4, image.getHeight(), PngChartsTest::isBlue)).isZero();
    }

    @Test
    void aRunWithoutPointsStillGetsAnImage() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(folder.resolve("equity.csv"), "time,equity\n");

        BufferedImage image = ImageIO.read(PngCharts.write(folder).toFile());

        assertThat(image.getWidth()).isEqualTo(PngCharts.WIDTH);
    }

    @Test
    void aMillionPointsAreDrawn() throws IOException {
        // How fast is a benchmark's question, not a unit test's: a timed assertion fails on a loaded machine.
        Path folder = writeEquity(dir.resolve("big"), 1_000_000);

        Path png = PngCharts.write(folder);

        assertThat(ImageIO.read(png.toFile()).getHeight()).isEqualTo(PngCharts.HEIGHT);
    }

    @Test
    void downsamplingKeepsEveryColumnsFirstLastMinimumAndMaximum() {
        int n = 1_000_000;
        int columns = 1_000;
        long[] x = new long[n];
        double[] y = new double[n];
        Random random = new Random(3);
        long t = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            t += 1 + random.nextInt(120_000); // irregular spacing
            x[i] = t;
            y[i] = (i > 0 ? y[i - 1] : 0) + random.nextGaussian();
        }
        y[123_456] = 10_000; // a lone spike
        y[654_321] = -10_000; // a lone crash

        double[][] reduced = PngCharts.downsample(x, y, columns);

        assertThat(reduced[0].length).isEqualTo(reduced[1].length).isLessThanOrEqualTo(4 * columns);
        assertThat(reduced[0][0]).isEqualTo((double) x[0]);
        assertThat(reduced[0][reduced[0].length - 1]).isEqualTo((double) x[n - 1]);
        assertThat(Arrays.stream(reduced[1]).max().orElseThrow()).isEqualTo(10_000);
        assertThat(Arrays.stream(reduced[1]).min().orElseThrow()).isEqualTo(-10_000);
        for (int i = 1; i < reduced[0].length; i++) assertThat(reduced[0][i]).isGreaterThan(reduced[0][i - 1]);
        // Per column: the reduced points hold the column's true minimum and maximum.
        double span = (double) x[n - 1] - x[0] + 1;
        double[] min = new double[columns];
        double[] max = new double[columns];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int c = (int) ((x[i] - x[0]) / span * columns);
            min[c] = Math.min(min[c], y[i]);
            max[c] = Math.max(max[c], y[i]);
        }
        double[] reducedMin = new double[columns];
        double[] reducedMax = new double[columns];
        Arrays.fill(reducedMin, Double.POSITIVE_INFINITY);
        Arrays.fill(reducedMax, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < reduced[0].length; i++) {
            int c = (int) ((reduced[0][i] - x[0]) / span * columns);
            reducedMin[c] = Math.min(reducedMin[c], reduced[1][i]);
            reducedMax[c] = Math.max(reducedMax[c], reduced[1][i]);
        }
        assertThat(reducedMin).containsExactly(min);
        assertThat(reducedMax).containsExactly(max);
    }

    @Test
    void smallCurvesAreKeptWhole() {
        double[][] reduced = PngCharts.downsample(new long[] {1, 2, 3}, new double[] {5, 4, 6}, 100);
        assertThat(reduced[0]).containsExactly(1, 2, 3);
        assertThat(reduced[1]).containsExactly(5, 4, 6);
    }

    @Test
    void drawdownIsPercentBelowTheHighWaterMark() {
        assertThat(PngCharts.drawdownPercent(new double[] {100, 110, 99, 121, 121}))
                .containsExactly(new double[] {0, 0, -10, 0, 0}, Assertions.within(1e-9));
    }

    @Test
    void cutsAVeryLongRunNameInTheTitleInsteadOfLayingItAllOut() throws IOException {
        String huge = "x".repeat(900_000);
        assertThat(PngCharts.title(huge)).hasSize("Equity and drawdown: ".length() + PngCharts.TITLE_NAME_LIMIT)
                .endsWith("x\u2026");
        assertThat(PngCharts.title("short")).isEqualTo("Equity and drawdown: short");

        Path folder = writeEquity(dir.resolve("named"), 100);
        Files.writeString(folder.resolve("results.json"), "{\"name\": \"" + huge + "\"}");
        assertThat(PngCharts.write(folder)).exists();
    }
}
