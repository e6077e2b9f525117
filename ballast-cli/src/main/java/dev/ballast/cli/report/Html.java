package dev.ballast.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * HTML building blocks shared by the run and comparison reports: escaping, data embedded as JSON in a
 * {@code <script type="application/json">} block, the uPlot WebJar's script and stylesheet read from the
 * classpath (inlined, so the page opens offline), the page's own CSS and number formatting.
 */
final class Html {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";

    /** Keys whose values are fractions and are shown as percentages. */
    private static final Set<String> PERCENT_KEYS = Set.of("totalReturn", "annualizedReturn", "volatility", "maxDrawdown",
            "maxDrawdownFraction", "winRate", "exposureTime", "fillRatio", "rejectRate", "cancelRate", "return", "turnover");

    /** Percentages that are sizes or rates, never gains or losses: shown without a sign. */
    private static final Set<String> UNSIGNED_KEYS = Set.of("volatility", "maxDrawdown", "maxDrawdownFraction", "winRate",
            "exposureTime", "fillRatio", "rejectRate", "cancelRate", "turnover");

    /** Figures that compound a return over a year; null (n/a) when the run is too short to annualize. */
    private static final Set<String> ANNUALIZED_KEYS = Set.of("annualizedReturn", "calmar");

    private Html() {}

    /** Escapes text for HTML element content and double-quoted attribute values. */
    static String esc(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Data for the page's script as a JSON block. {@code <}, {@code >} and {@code &} only occur inside JSON
     * strings, where their \\u escapes mean the same, so no text can close the script element early.
     */
    static String jsonScript(String id, Object data) {
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        json = json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        return "<script type=\"application/json\" id=\"" + esc(id) + "\">" + json + "</script>\n";
    }

    static String uplotVersion() {
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** uPlot's script and stylesheet, inlined. */
    static String uplotAssets() {
        String base = WEBJAR + uplotVersion() + "/dist/";
        String css = text(base + "uPlot.min.css");
        String js = text(base + "uPlot.iife.min.js");
        if (js.toLowerCase(Locale.ROOT).contains("</script")) throw new IllegalStateException("uPlot script cannot be inlined");
        return "<style>" + css + "</style>\n<script>" + js + "</script>\n";
    }

    private static InputStream resource(String path) {
        InputStream in = Html.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IllegalStateException("missing on the classpath: " + path + " (the uPlot WebJar)");
        return in;
    }

    private static String text(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ISO instant, shortened to its date when it is midnight UTC. */
    static String time(String iso) {
        return iso.endsWith("T00:00:00Z") ? iso.substring(0, iso.length() - 10) : iso;
    }

    static String percent(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) return "–";
        String text = String.format(Locale.ROOT, "%+.2f%%", fraction * 100);
        return text.equals("-0.00%") || text.equals("+0.00%") ? "0.00%" : text;
    }

    /** A size or rate as a percentage without a sign: "0.42%". */
    static String unsignedPercent(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) return "–";
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return "–";
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.format(Locale.ROOT, "%,d", (long) value);
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%,.4f" : "%,.2f", value);
    }

    /** A JSON value formatted for a table cell, as escaped HTML; fractions named in {@link #PERCENT_KEYS} as percentages. */
    static String value(String key, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            // Annualized figures are null below the minimum span: say "not applicable", not just "missing".
            return ANNUALIZED_KEYS.contains(key) ? "<span class=\"na\">n/a</span>" : "<span class=\"na\">–</span>";
        }
        if (node.isNumber()) {
            double v = node.asDouble();
            if (!PERCENT_KEYS.contains(key)) return esc(number(v));
            return esc(UNSIGNED_KEYS.contains(key) ? unsignedPercent(v) : percent(v));
        }
        if (node.isBoolean()) return node.asBoolean() ? "yes" : "no";
        if (node.isValueNode()) {
            String text = node.asText();
            try {
                return esc(String.format(Locale.ROOT, "%,.2f", Double.parseDouble(text))); // exact decimal text: money
            } catch (NumberFormatException e) {
                return esc(text);
            }
        }
        return "<code>" + esc(node.toString()) + "</code>";
    }

    /** camelCase and snake_case keys as words: "averageSlippageBps" becomes "Average slippage bps". */
    static String label(String key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_') {
                out.append(' ');
            } else if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(key.charAt(i - 1))) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(i == 0 ? Character.toUpperCase(c) : c);
            }
        }
        return out.toString().replace(" pnl", " P&L").replace("Pnl", "P&L").replace("Ms ", "ms ").replace(" ms p", " ms P").replace(" bps", " (bps)");
    }

    static final String CSS = """
            :root{--fg:#1d2733;--muted:#6b7785;--line:#e3e8ee;--bg:#f6f8fa;--card:#fff;--pos:#1a7f37;--neg:#c62828;--accent:#2563eb}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
            main{max-width:1280px;margin:0 auto;padding:20px 24px 48px}
            header h1{margin:0 0 2px;font-size:24px}
            header .sub{color:var(--muted)}
            h2{font-size:17px;margin:0 0 10px}
            h3{font-size:14px;margin:14px 0 6px;color:var(--muted);font-weight:600}
            section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin-top:16px}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin-top:14px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
            .card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .card .v{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums;white-space:nowrap}
            .pos{color:var(--pos)} .neg{color:var(--neg)}
            .na{color:var(--muted);font-style:italic}
            .scroll{overflow-x:auto;max-height:520px;overflow-y:auto}
            table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
            th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
            th{background:#fafbfc;font-weight:600;position:sticky;top:0}
            th:first-child,td:first-child{text-align:left}
            td.t,th.t{text-align:left}
            table.monthly td{min-width:58px;text-align:center}
            table.monthly th{text-align:center}
            table.monthly td:first-child,table.monthly th:first-child{text-align:left;font-weight:600}
            .chart{width:100%}
            #equity-chart{min-height:366px} #drawdown-chart{min-height:216px} #compare-chart{min-height:426px}
            .chart + .chart{margin-top:6px}
            .note{color:var(--muted);font-size:12px;margin:6px 0 0}
            .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:0 24px}
            .u-legend{font-size:12px}
            footer{color:var(--muted);font-size:12px;margin-top:18px}
            """;

    /** Shared chart script: builds a time-series uPlot chart sized to its container and marks the body when drawn. */
    static final String CHART_JS = """
            const ballast = (() => {
              let drawn = 0;
              const charts = [];
              function pct(v) { return v == null ? '' : (v * 100).toFixed(2) + '%'; }
              function num(v) { return v == null ? '' : v.toLocaleString('en-US', {maximumFractionDigits: 2}); }
              function chart(el, opts, data) {
                let counted = false;
                opts.width = Math.max(300, el.clientWidth);
                opts.hooks = {draw: [() => {
                  if (!counted) { counted = true; drawn++; document.body.setAttribute('data-charts-drawn', String(drawn)); }
                }]};
                const u = new uPlot(opts, data, el);
                charts.push([u, el]);
                return u;
              }
              window.addEventListener('resize', () => {
                for (const [u, el] of charts) u.setSize({width: Math.max(300, el.clientWidth), height: u.height});
              });
              // Axis tick labels with as many decimals as the tick step needs (no repeated labels on flat curves).
              function ticks(scale, suffix) {
                return (u, vals, axisIdx, space, incr) => {
                  const d = Math.min(8, Math.max(0, Math.ceil(-Math.log10(incr * scale) - 1e-9)));
                  return vals.map(v => v == null ? '' : (v * scale).toLocaleString('en-US',
                      {minimumFractionDigits: d, maximumFractionDigits: d}) + suffix);
                };
              }
              return {chart, pct, num, ticks};
            })();
            """;
}
