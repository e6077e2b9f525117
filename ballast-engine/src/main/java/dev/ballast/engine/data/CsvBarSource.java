package dev.ballast.engine.data;

import java.util.function.Supplier;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.Bar;
import dev.ballast.model.event.MarketData;
import java.nio.file.Path;

/**
 * Streams OHLCV {@link Bar}s from a CSV file, one row at a time in constant memory.
 *
 * <p>The header row is required and names the columns in any order, any letter case:
 * {@code timestamp,symbol,open,high,low,close,volume}, or without {@code symbol} for a one-symbol file,
 * whose symbol is {@link CsvOptions#symbol()} or else the file name stem ({@code AAPL.csv} is AAPL).
 * Timestamps are read as {@link TimestampParser} documents (ISO instants, local date-times and dates
 * in {@link CsvOptions#zone()}, epoch seconds up to 10 digits, epoch milliseconds from 11). Prices and
 * volume are parsed exactly into fixed-point.
 *
 * <p>A row is bad, and handled by {@link CsvOptions#policy()}, when a field does not parse, the column
 * count differs from the header, a value is NaN or infinite or too large for the fixed point, a price is not positive or above
 * a billion, high is below
 * low, open or close lies outside [low, high], volume is negative, or its timestamp is before or equal
 * to the previous accepted row of the same symbol, or before the previous accepted row of any symbol
 * (the engine replays in time order, so a multi-symbol file must be sorted by time). Not thread-safe.
 */
public final class CsvBarSource implements MarketDataSource {
    private static final int OPEN = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 3;
    private static final int VOLUME = 4;

    private final CsvRows rows;

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws MarketDataException when the file is missing, empty, or its header is wrong
     */
    public CsvBarSource(Path file, CsvOptions options) {
        this.rows = new CsvRows(file, options, "open", "high", "low", "close", "volume");
    }

    /** Opens {@code file} with {@link CsvOptions#defaults()}. */
    public static CsvBarSource open(Path file) {
        return new CsvBarSource(file, CsvOptions.defaults());
    }

    @Override
    public MarketData next() {
        return rows.nextUsable(reader);
    }

    private final Supplier<Bar> reader = this::readRow;

    private Bar readRow() {
        rows.requireColumnCount();
        long timestamp = rows.timestamp();
        SymbolTable.Entry symbol = rows.symbol();
        long open = rows.price(OPEN);
        long high = rows.price(HIGH);
        long low = rows.price(LOW);
        long close = rows.price(CLOSE);
        long volume = rows.decimal(VOLUME);
        if (volume < 0) throw rows.reject(BadRowReason.NEGATIVE_VOLUME, "volume " + CsvRows.format(volume) + " is negative");
        if (high < low) {
            throw rows.reject(BadRowReason.HIGH_BELOW_LOW, "high " + CsvRows.format(high) + " < low " + CsvRows.format(low));
        }
        if (open < low || open > high) {
            throw rows.reject(BadRowReason.OPEN_OUTSIDE_RANGE, "open " + CsvRows.format(open) + " outside [low " + CsvRows.format(low)
                    + ", high " + CsvRows.format(high) + "]");
        }
        if (close < low || close > high) {
            throw rows.reject(BadRowReason.CLOSE_OUTSIDE_RANGE, "close " + CsvRows.format(close) + " outside [low " + CsvRows.format(low)
                    + ", high " + CsvRows.format(high) + "]");
        }
        rows.checkOrder(symbol, timestamp, true);
        rows.accepted(symbol, timestamp);
        return new Bar(symbol.symbol, timestamp, new Price(open), new Price(high), new Price(low), new Price(close), new Quantity(volume));
    }


    @Override
    public SkippedRows skippedRows() {
        return rows.skippedRows();
    }

    @Override
    public void close() {
        rows.close();
    }
}
