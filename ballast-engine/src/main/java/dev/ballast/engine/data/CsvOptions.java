package dev.ballast.engine.data;

import dev.ballast.model.Symbol;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How to read a market data CSV file.
 *
 * @param symbol the symbol of a one-symbol file (one without a {@code symbol} column), or {@code null}
 *     to take it from the file name stem ({@code AAPL.csv} is AAPL); ignored when the file has a symbol column
 * @param zone the zone in which timestamps without an offset (local date-times and dates) are read
 * @param policy what to do with a bad row
 *
 * Immutable and thread-safe.
 */
public record CsvOptions(Symbol symbol, ZoneId zone, BadRowPolicy policy) {
    private static final CsvOptions DEFAULTS = new CsvOptions(null, ZoneOffset.UTC, BadRowPolicy.FAIL);

    public CsvOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(policy, "policy");
    }

    /** Symbol from the file name, UTC, stop at the first bad row. */
    public static CsvOptions defaults() {
        return DEFAULTS;
    }

    public CsvOptions withSymbol(Symbol symbol) {
        return new CsvOptions(symbol, zone, policy);
    }

    public CsvOptions withZone(ZoneId zone) {
        return new CsvOptions(symbol, zone, policy);
    }

    public CsvOptions withPolicy(BadRowPolicy policy) {
        return new CsvOptions(symbol, zone, policy);
    }
}
