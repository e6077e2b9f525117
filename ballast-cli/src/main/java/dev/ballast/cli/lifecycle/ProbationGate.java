package dev.ballast.cli.lifecycle;

import java.time.format.DateTimeParseException;
import dev.ballast.model.EpochNanos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.RunPlan;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.runtime.RunOutcome;
import dev.ballast.runtime.TimeWindow;
import dev.ballast.engine.monitor.EquityCurve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paper probation between PAPER and LIVE. A paper run's folder (what {@code ballast paper} wrote) is
 * judged against {@link GateConfig.Probation}:
 * <ul>
 * <li>it is a paper run ({@code mode: paper}) of this strategy: its id among the run's strategies, run as a document
 * strategy whose SHA-256 is the registry document's (a Java strategy given the registry id is refused);</li>
 * <li>duration: {@code end - start} of the run's data time, in days, at least {@code minDays};</li>
 * <li>trades: closed round-trip trades of the run ({@code performance.account.numberOfTrades}), at least {@code minTrades};</li>
 * <li>tracking error: a backtest of the paper run's own configuration over the same period ([start, end] of
 * the paper run) is run; each run's equity is sampled at the last point of every UTC day; over the days both
 * have, the daily returns are taken and their difference d = r_paper - r_backtest; tracking error =
 * sample standard deviation of d x sqrt(252), in percent; at most {@code maxTrackingErrorPct} (undefined
 * with fewer than two daily differences, which fails);</li>
 * <li>a named operator's approval ({@code approvedBy}, not blank).</li>
 * </ul>
 */
public final class ProbationGate {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final double TRADING_DAYS = 252;

    private ProbationGate() {}

    /**
     * @param documentSha256 the SHA-256 of the registry's document for {@code id}: the paper run must have run
     *                       exactly that document under this id (not a Java strategy, not another document)
     */
    public static BacktestGate.Result evaluate(String id, String documentSha256, Path paperRun, GateConfig.Probation probation,
                                               String approvedBy) {
        List<String> reasons = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        if (approvedBy == null || approvedBy.isBlank()) reasons.add("no approval: LIVE needs --approved-by NAME, a named operator");
        else figures.put("approvedBy", approvedBy.strip());
        Path resultsFile = paperRun.resolve("results.json");
        Path equityFile = paperRun.resolve("equity.csv");
        if (!Files.isRegularFile(resultsFile) || !Files.isRegularFile(equityFile)) {
            throw new ConfigException(paperRun + " is not a run folder (results.json and equity.csv expected)");
        }
        JsonNode results;
        try {
            results = JSON.readTree(resultsFile.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + resultsFile + ": " + e.getMessage(), e);
        }
        figures.put("paperRun", paperRun.toAbsolutePath().normalize().toString());
        if (!"paper".equals(results.path("mode").asText())) {
            reasons.add(paperRun + " is a " + results.path("mode").asText("?") + " run, not a paper run");
        }
        JsonNode ran = null;
        for (JsonNode strategy : results.path("strategies")) if (id.equals(strategy.path("id").asText())) ran = strategy;
        if (ran == null) {
            reasons.add(paperRun + " did not run " + id + " (no strategy with that id)");
        } else if (!ran.path("document").isObject()) {
            reasons.add(paperRun + " ran " + id + " as a Java strategy, not the registry's document; only the registered document can be promoted");
        } else if (!documentSha256.equals(ran.path("document").path("sha256").asText())) {
            reasons.add(paperRun + " ran another document as " + id + " (" + ran.path("document").path("file").asText()
                    + ", SHA-256 " + ran.path("document").path("sha256").asText() + "); the registry's document has SHA-256 " + documentSha256);
        }

        Instant start;
        Instant end;
        try {
            start = Instant.parse(results.path("start").asText());
            end = Instant.parse(results.path("end").asText());
        } catch (DateTimeParseException e) {
            throw new ConfigException(resultsFile + " has no start and end times (a run without data?)", e);
        }
        double days = (end.toEpochMilli() - start.toEpochMilli()) / 86_400_000.0;
        int trades = results.path("performance").path("account").path("numberOfTrades").asInt(0);
        figures.put("paperFrom", start.toString());
        figures.put("paperTo", end.toString());
        figures.put("paperDays", BacktestGate.round(days));
        figures.put("paperTrades", trades);
        if (days < probation.minDays()) {
            reasons.add(String.format(Locale.ROOT, "paper run too short: %.1f days of data time, probation needs at least %s",
                    days, BacktestGate.plain(probation.minDays())));
        }
        if (trades < probation.minTrades()) {
            reasons.add("too few paper trades: " + trades + " closed trades, probation needs at least " + probation.minTrades());
        }

        Path config = Path.of(results.path("config").asText());
        if (!Files.isRegularFile(config)) {
            reasons.add("the paper run's configuration " + config + " is gone; cannot backtest the same period");
        } else {
            RunPlan plan = RegistryRunCheck.check(RunPlanner.plan(config));
            List<String> fatal = new ArrayList<>();
            long from = EpochNanos.of(start);
            long to = EpochNanos.of(end) + 1;
            RunOutcome backtest = BacktestGate.backtest(plan, new TimeWindow(from, to), fatal);
            for (String message : fatal) reasons.add("the comparison backtest failed: " + message);
            Double te = trackingError(daily(readEquity(equityFile)), daily(backtest.engine().monitor().equityCurve()));
            if (te == null) {
                reasons.add("tracking error is undefined: fewer than two days of returns in common with the backtest");
            } else {
                figures.put("trackingErrorPct", BacktestGate.round(te * 100));
                if (te * 100 > probation.maxTrackingErrorPct()) {
                    reasons.add(String.format(Locale.ROOT, "tracking error too high: %.3f%% annualized against the backtest, probation allows at most %s%%",
                            te * 100, BacktestGate.plain(probation.maxTrackingErrorPct())));
                }
            }
        }
        return new BacktestGate.Result(reasons.isEmpty(), List.copyOf(reasons), figures);
    }

    /**
     * Annualized tracking error between two daily equity series (date -> equity at the day's last point):
     * the sample standard deviation of the differences of their daily returns over the dates both have,
     * times sqrt(252). Null with fewer than two differences.
     */
    public static Double trackingError(TreeMap<LocalDate, Double> a, TreeMap<LocalDate, Double> b) {
        List<LocalDate> common = a.keySet().stream().filter(b::containsKey).toList();
        List<Double> diffs = new ArrayList<>();
        for (int i = 1; i < common.size(); i++) {
            LocalDate prev = common.get(i - 1);
            LocalDate day = common.get(i);
            double ra = a.get(day) / a.get(prev) - 1;
            double rb = b.get(day) / b.get(prev) - 1;
            diffs.add(ra - rb);
        }
        if (diffs.size() < 2) return null;
        double mean = diffs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ss = diffs.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
        return Math.sqrt(ss / (diffs.size() - 1)) * Math.sqrt(TRADING_DAYS);
    }

    /** The equity at the last point of each UTC day. */
    static TreeMap<LocalDate, Double> daily(List<Map.Entry<Instant, Double>> points) {
        TreeMap<LocalDate, Double> days = new TreeMap<>();
        for (Map.Entry<Instant, Double> p : points) days.put(LocalDate.ofInstant(p.getKey(), ZoneOffset.UTC), p.getValue());
        return days;
    }

    static TreeMap<LocalDate, Double> daily(EquityCurve curve) {
        List<Map.Entry<Instant, Double>> points = new ArrayList<>();
        for (int i = 0; i < curve.size(); i++) {
            long t = curve.time(i);
            points.add(Map.entry(EpochNanos.toInstant(t),
                    Double.parseDouble(curve.equity(i).toString())));
        }
        return daily(points);
    }

    /** A run folder's equity.csv ({@code time,equity}). */
    static List<Map.Entry<Instant, Double>> readEquity(Path file) {
        try {
            List<Map.Entry<Instant, Double>> points = new ArrayList<>();
            List<String> lines = Files.readAllLines(file);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) continue;
                int comma = line.indexOf(',');
                points.add(Map.entry(Instant.parse(line.substring(0, comma)), Double.parseDouble(line.substring(comma + 1))));
            }
            return points;
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
