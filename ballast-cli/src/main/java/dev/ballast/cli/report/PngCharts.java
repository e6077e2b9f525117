package dev.ballast.cli.report;

import dev.ballast.runtime.folder.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The run's equity curve and its drawdown (percent below the high-water mark) as one PNG,
 * {@code equity.png}, drawn with JFreeChart from {@code equity.csv}: equity on top, drawdown below, on
 * one shared time axis (UTC). Curves longer than the image is wide are reduced to at most four points
 * per pixel column (first, last, lowest, highest: the M4 reduction), which draws the same picture as
 * every point would, so a million-point curve costs little more than reading it. Headless.
 */
public final class PngCharts {
    /** Image size in pixels. */
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 720;

    private static final Color EQUITY = new Color(0x1F, 0x5F, 0xAF);
    private static final Color DRAWDOWN = new Color(0xC0, 0x39, 0x2B);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    private PngCharts() {}

    /** Reads {@code runFolder/equity.csv}, writes {@code runFolder/equity.png} and returns its path. */
    public static Path write(Path runFolder) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        Path png = runFolder.resolve("equity.png");
        try {
            Curve curve = read(runFolder.resolve("equity.csv"));
            JFreeChart chart = chart(curve, runName(runFolder));
            AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /** Code points of a run's name shown in the chart title; beyond it the name is cut with an ellipsis. */
    static final int TITLE_NAME_LIMIT = 80;

    /**
     * The chart's title, the run's name cut to {@value #TITLE_NAME_LIMIT} code points: the configuration caps
     * names, but a results.json written by hand or by an older build may hold any length, and laying out a
     * title of 900,000 characters hung the chart.
     */
    static String title(String runName) {
        String name = runName;
        if (name.codePointCount(0, name.length()) > TITLE_NAME_LIMIT) {
            name = name.substring(0, name.offsetByCodePoints(0, TITLE_NAME_LIMIT - 1)) + "\u2026";
        }
        return "Equity and drawdown" + (name.isEmpty() ? "" : ": " + name);
    }

    /** The run's name from {@code results.json} when there is one, else the folder's name. */
    private static String runName(Path runFolder) {
        try {
            String name = JSON.readTree(runFolder.resolve("results.json").toFile()).path("name").asText("");
            if (!name.isBlank()) return name;
        } catch (IOException | RuntimeException e) {
            // no results (yet): the folder names the run
        }
        return runFolder.getFileName() == null ? "" : runFolder.getFileName().toString();
    }

    /** An equity curve: epoch milliseconds and equity, in time order. */
    record Curve(long[] times, double[] equity) {
        int size() {
            return times.length;
        }
    }

    static Curve read(Path csv) throws IOException {
        long[] times = new long[1024];
        double[] equity = new double[1024];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            String line = in.readLine(); // header: time,equity
            while ((line = in.readLine()) != null) {
                int comma = line.indexOf(',');
                if (comma <= 0) continue; // blank line, or a point before the first timestamp
                if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                    equity = Arrays.copyOf(equity, n * 2);
                }
                times[n] = Instant.parse(line.substring(0, comma)).toEpochMilli();
                equity[n] = Double.parseDouble(line.substring(comma + 1));
                n++;
            }
        }
        return new Curve(Arrays.copyOf(times, n), Arrays.copyOf(equity, n));
    }

    /** Drawdown at each point as a negative percentage below the running high-water mark (0 at a new high). */
    static double[] drawdownPercent(double[] equity) {
        double[] result = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            result[i] = peak > 0 ? (equity[i] - peak) / peak * 100.0 : 0.0;
        }
        return result;
    }

    /**
     * Reduces {@code (x, y)} to at most four points per column when the x range is cut into
     * {@code columns} equal columns: the first, last, lowest and highest point of each, in their order.
     * A line through the result covers exactly the pixels the full line would; every column's minimum
     * and maximum survive. Returns {@code {x, y}}; the input itself when it is small enough already.
     */
    static double[][] downsample(long[] x, double[] y, int columns) {
        int n = x.length;
        if (n <= 4L * columns) {
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) xs[i] = x[i];
            return new double[][] {xs, y.clone()};
        }
        long first = x[0];
        double span = (double) x[n - 1] - first + 1;
        double[] outX = new double[4 * columns];
        double[] outY = new double[4 * columns];
        int out = 0;
        int start = 0;
        while (start < n) {
            int column = (int) Math.min(columns - 1, (long) ((x[start] - first) / span * columns));
            int end = start;
            int min = start;
            int max = start;
            while (end + 1 < n && (int) Math.min(columns - 1, (long) ((x[end + 1] - first) / span * columns)) == column) {
                end++;
                if (y[end] < y[min]) min = end;
                if (y[end] > y[max]) max = end;
            }
            int[] picks = {start, min, max, end};
            Arrays.sort(picks);
            int previous = -1;
            for (int pick : picks) {
                if (pick == previous) continue;
                outX[out] = x[pick];
                outY[out] = y[pick];
                out++;
                previous = pick;
            }
            start = end + 1;
        }
        return new double[][] {Arrays.copyOf(outX, out), Arrays.copyOf(outY, out)};
    }

    private static JFreeChart chart(Curve curve, String runName) {
        double[] drawdown = drawdownPercent(curve.equity());
        DefaultXYDataset equityData = new DefaultXYDataset();
        DefaultXYDataset drawdownData = new DefaultXYDataset();
        if (curve.size() > 0) {
            equityData.addSeries("Equity", downsample(curve.times(), curve.equity(), WIDTH));
            drawdownData.addSeries("Drawdown", downsample(curve.times(), drawdown, WIDTH));
        }
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

        DateAxis time = new DateAxis("Time (UTC)");
        time.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        time.setTickLabelFont(tickFont);
        time.setLabelFont(labelFont);
        time.setLowerMargin(0.01);
        time.setUpperMargin(0.01);

        NumberAxis equityAxis = new NumberAxis("Equity");
        equityAxis.setAutoRangeIncludesZero(false);
        equityAxis.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        equityAxis.setTickLabelFont(tickFont);
        equityAxis.setLabelFont(labelFont);
        equityAxis.setTickLabelInsets(new RectangleInsets(9, 4, 9, 4)); // fewer, better spaced ticks
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, EQUITY);
        line.setSeriesStroke(0, new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        XYPlot equityPlot = new XYPlot(equityData, null, equityAxis, line);

        NumberAxis drawdownAxis = new NumberAxis("Drawdown %");
        drawdownAxis.setNumberFormatOverride(new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        drawdownAxis.setTickLabelFont(tickFont);
        drawdownAxis.setLabelFont(labelFont);
        drawdownAxis.setAutoRangeIncludesZero(true);
        double worst = Arrays.stream(drawdown).min().orElse(0);
        // A curve that never fell still gets a visible (empty) band rather than a degenerate axis.
        if (worst > -0.1) drawdownAxis.setRange(-1.0, 0.1);
        XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
        area.setOutline(false);
        area.setSeriesPaint(0, new Color(DRAWDOWN.getRed(), DRAWDOWN.getGreen(), DRAWDOWN.getBlue(), 90));
        XYPlot drawdownPlot = new XYPlot(drawdownData, null, drawdownAxis, area);
        // The edge of the area as a line of its own (an area outline would also close the shape with a
        // vertical stroke at the last point).
        XYLineAndShapeRenderer edge = new XYLineAndShapeRenderer(true, false);
        edge.setSeriesPaint(0, DRAWDOWN);
        edge.setSeriesStroke(0, new BasicStroke(1.0f));
        drawdownPlot.setDataset(1, drawdownData);
        drawdownPlot.setRenderer(1, edge);

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(12);
        plot.add(equityPlot, 3);
        plot.add(drawdownPlot, 1);
        for (XYPlot sub : new XYPlot[] {equityPlot, drawdownPlot}) {
            sub.setBackgroundPaint(Color.WHITE);
            sub.setDomainGridlinePaint(GRID);
            sub.setRangeGridlinePaint(GRID);
            sub.setOutlinePaint(Color.GRAY);
            if (curve.size() == 0) sub.setNoDataMessage("no equity points");
        }

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        TextTitle title = new TextTitle(title(runName),
                new Font(Font.SANS_SERIF, Font.BOLD, 18));
        chart.setTitle(title);
        if (curve.size() > 0) {
            DecimalFormat money = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
            double[] e = curve.equity();
            String subtitle = DAY.format(Instant.ofEpochMilli(curve.times()[0])) + " to "
                    + DAY.format(Instant.ofEpochMilli(curve.times()[curve.size() - 1])) + " UTC   |   start "
                    + money.format(e[0]) + "   end " + money.format(e[e.length - 1])
                    + String.format(Locale.ROOT, "   (%+.2f%%)", e[0] == 0 ? 0.0 : (e[e.length - 1] / e[0] - 1) * 100)
                    + String.format(Locale.ROOT, "   |   max drawdown %.2f%%", -worst);
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        }
        return chart;
    }
}
