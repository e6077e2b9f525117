package dev.ballast.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A finished run folder as the reports read it: {@code results.json} (required), {@code equity.csv},
 * {@code trades.csv} or else {@code fills.csv}, and {@code orders.csv}. Sections the run did not write are
 * absent ({@code null} or empty), so a report can say "not available" for them. Monthly and yearly
 * returns come from {@code results.json}'s {@code returns} when present, and are otherwise computed here
 * from the equity curve (month-end equity over the previous month-end, the first month over the first point).
 */
public final class RunData {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One calendar period's return; {@code month} is 0 for a whole year. */
    public record PeriodReturn(int year, int month, double value) {
    }

    private final Path folder;
    private final JsonNode results;
    private final long[] times;
    private final double[] equity;
    private final List<Map<String, String>> trades;
    private final boolean tradesAreFills;
    private final List<Map<String, String>> orders;

    private RunData(Path folder, JsonNode results, long[] times, double[] equity, List<Map<String, String>> trades,
                    boolean tradesAreFills, List<Map<String, String>> orders) {
        this.folder = folder;
        this.results = results;
        this.times = times;
        this.equity = equity;
        this.trades = trades;
        this.tradesAreFills = tradesAreFills;
        this.orders = orders;
    }

    /** Reads a run folder; a missing folder, a missing or corrupt {@code results.json} or a bad CSV is a {@link ReportException}. */
    public static RunData load(Path folder) {
        if (!Files.isDirectory(folder)) throw new ReportException("run folder not found: " + folder);
        Path resultsFile = folder.resolve("results.json");
        if (!Files.isRegularFile(resultsFile)) throw new ReportException("not a finished run: " + resultsFile + " is missing");
        JsonNode results;
        try {
            results = JSON.readTree(resultsFile.toFile());
        } catch (JsonProcessingException e) {
            throw new ReportException("corrupt JSON in " + resultsFile + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new ReportException("cannot read " + resultsFile + ": " + e.getMessage(), e);
        }
        if (results == null || !results.isObject()) throw new ReportException("corrupt JSON in " + resultsFile + ": not a JSON object");

        long[] times = new long[0];
        double[] equity = new double[0];
        Path equityFile = folder.resolve("equity.csv");
        if (Files.isRegularFile(equityFile)) {
            List<Map<String, String>> rows = Csv.read(equityFile);
            times = new long[rows.size()];
            equity = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Map<String, String> row = rows.get(i);
                try {
                    times[i] = Instant.parse(row.get("time")).getEpochSecond();
                    equity[i] = Double.parseDouble(row.get("equity"));
                } catch (DateTimeParseException | NumberFormatException | NullPointerException e) {
                    throw new ReportException(equityFile + ":" + (i + 2) + ": bad row " + row, e);
                }
            }
        }
        List<Map<String, String>> trades = null;
        boolean tradesAreFills = false;
        if (Files.isRegularFile(folder.resolve("trades.csv"))) {
            trades = Csv.read(folder.resolve("trades.csv"));
        } else if (Files.isRegularFile(folder.resolve("fills.csv"))) {
            trades = Csv.read(folder.resolve("fills.csv"));
            tradesAreFills = true;
        }
        List<Map<String, String>> orders = Files.isRegularFile(folder.resolve("orders.csv")) ? Csv.read(folder.resolve("orders.csv")) : null;
        return new RunData(folder, results, times, equity, trades, tradesAreFills, orders);
    }

    public Path folder() {
        return folder;
    }

    public JsonNode results() {
        return results;
    }

    /** A top-level section of results.json, or a missing node. */
    public JsonNode section(String name) {
        JsonNode node = results.get(name);
        return node == null || node.isNull() ? MissingNode.getInstance() : node;
    }

    public String name() {
        String name = results.path("name").asText("");
        if (name.isBlank()) {
            Path fileName = folder.toAbsolutePath().normalize().getFileName();
            return fileName == null ? "run" : fileName.toString();
        }
        return name;
    }

    /** Equity curve times, epoch seconds. */
    public long[] times() {
        return times;
    }

    public double[] equity() {
        return equity;
    }

    /** Closed trades from trades.csv, else fills from fills.csv, else null. */
    public List<Map<String, String>> trades() {
        return trades;
    }

    public boolean tradesAreFills() {
        return tradesAreFills;
    }

    public List<Map<String, String>> orders() {
        return orders;
    }

    /** Drawdown from the running peak at each equity point, as a fraction (0 or negative). */
    public double[] drawdown() {
        return drawdown(equity);
    }

    static double[] drawdown(double[] equity) {
        double[] drawdown = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            drawdown[i] = peak > 0 ? equity[i] / peak - 1 : 0;
        }
        return drawdown;
    }

    /** True when results.json has no {@code returns.monthly} and the monthly returns are computed from equity.csv. */
    public boolean returnsComputed() {
        return !section("returns").path("monthly").isArray();
    }

    public List<PeriodReturn> monthlyReturns() {
        JsonNode monthly = section("returns").path("monthly");
        if (monthly.isArray()) {
            List<PeriodReturn> list = new ArrayList<>();
            for (JsonNode m : monthly) {
                if (m.path("year").isNumber() && m.path("month").isNumber() && m.path("return").isNumber()) {
                    list.add(new PeriodReturn(m.get("year").asInt(), m.get("month").asInt(), m.get("return").asDouble()));
                }
            }
            return list;
        }
        return periodReturns(times, equity, false);
    }

    public List<PeriodReturn> yearlyReturns() {
        JsonNode yearly = section("returns").path("yearly");
        if (yearly.isArray()) {
            List<PeriodReturn> list = new ArrayList<>();
            for (JsonNode y : yearly) {
                if (y.path("year").isNumber() && y.path("return").isNumber()) {
                    list.add(new PeriodReturn(y.get("year").asInt(), 0, y.get("return").asDouble()));
                }
            }
            return list;
        }
        return periodReturns(times, equity, true);
    }

    /** Period returns (UTC calendar months or years): last equity of the period over the last of the previous one. */
    static List<PeriodReturn> periodReturns(long[] times, double[] equity, boolean yearly) {
        List<PeriodReturn> list = new ArrayList<>();
        if (equity.length == 0) return list;
        double base = equity[0];
        int currentYear = Integer.MIN_VALUE;
        int currentMonth = -1;
        double last = equity[0];
        for (int i = 0; i < equity.length; i++) {
            ZonedDateTime t = Instant.ofEpochSecond(times[i]).atZone(ZoneOffset.UTC);
            int year = t.getYear();
            int month = yearly ? 0 : t.getMonthValue();
            if (year != currentYear || month != currentMonth) {
                if (currentYear != Integer.MIN_VALUE) {
                    list.add(new PeriodReturn(currentYear, currentMonth, base > 0 ? last / base - 1 : 0));
                    base = last;
                }
                currentYear = year;
                currentMonth = month;
            }
            last = equity[i];
        }
        list.add(new PeriodReturn(currentYear, currentMonth, base > 0 ? last / base - 1 : 0));
        return list;
    }
}
