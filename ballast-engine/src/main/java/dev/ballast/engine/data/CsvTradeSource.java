package dev.ballast.engine.data;

import java.util.function.Supplier;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.event.MarketData;
import dev.ballast.model.event.TradeTick;
import java.nio.file.Path;

/**
 * Streams {@link TradeTick}s from a CSV file, one row at a time in constant memory.
 *
 * <p>The header row is required: {@code timestamp,symbol,price,size} in any order and letter case, or
 * {@code timestamp,price,size} for a one-symbol file named as for {@link CsvBarSource}; timestamps as
 * there. A row is bad, and handled by {@link CsvOptions#policy()}, when a field does not parse, the
 * column count differs from the header, price or size is NaN, infinite or not positive, a price
 * is above a billion, a number is too large for the fixed point, or its
 * timestamp is before the previous accepted trade of the same symbol. Equal timestamps are fine:
 * several trades often print in the same instant. Not thread-safe.
 */
public final class CsvTradeSource implements MarketDataSource {
    private static final int PRICE = 0;
    private static final int SIZE = 1;

    private final CsvRows rows;

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws MarketDataException when the file is missing, empty, or its header is wrong
     */
    public CsvTradeSource(Path file, CsvOptions options) {
        this.rows = new CsvRows(file, options, "price", "size");
    }

    /** Opens {@code file} with {@link CsvOptions#defaults()}. */
    public static CsvTradeSource open(Path file) {
        return new CsvTradeSource(file, CsvOptions.defaults());
    }

    @Override
    public MarketData next() {
        return rows.nextUsable(reader);
    }

    private final Supplier<TradeTick> reader = this::readRow;

    private TradeTick readRow() {
        rows.requireColumnCount();
        long timestamp = rows.timestamp();
        SymbolTable.Entry symbol = rows.symbol();
        long price = rows.price(PRICE);
        long size = rows.decimal(SIZE);
        if (size <= 0) throw rows.reject(BadRowReason.NON_POSITIVE_SIZE, "size " + CsvRows.format(size) + " is not positive");
        rows.checkOrder(symbol, timestamp, false);
        rows.accepted(symbol, timestamp);
        return new TradeTick(symbol.symbol, timestamp, new Price(price), new Quantity(size));
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
