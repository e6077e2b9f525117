package dev.ballast.cli.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An equity curve thinned for a chart: at most {@code maxPoints} buckets, each keeping its last time and
 * equity and its deepest drawdown (so the maximum drawdown stays visible however long the run).
 */
final class ChartData {
    static final int MAX_POINTS = 4000;

    private ChartData() {}

    static Map<String, Object> equityAndDrawdown(long[] times, double[] equity, int maxPoints) {
        double[] drawdown = RunData.drawdown(equity);
        int n = equity.length;
        int buckets = Math.min(n, maxPoints);
        long[] t = new long[buckets];
        double[] e = new double[buckets];
        double[] d = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double deepest = 0;
            for (int i = from; i < to; i++) deepest = Math.min(deepest, drawdown[i]);
            t[b] = times[to - 1];
            e[b] = round(equity[to - 1], 4);
            d[b] = round(deepest, 6);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("t", t);
        data.put("equity", e);
        data.put("drawdown", d);
        return data;
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
