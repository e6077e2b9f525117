package dev.ballast.engine.data;

import java.util.function.Supplier;
import dev.ballast.model.EpochNanos;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Symbol;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The part of reading a market data CSV file that does not depend on what a row means: opening the
 * file, mapping the header, walking lines, and reading the timestamp, the symbol and decimal fields of
 * the current row with the bad-row policy applied. A rejected row either throws the
 * {@link MarketDataException} (FAIL) or is recorded and abandoned by throwing {@link SkipRow} (SKIP),
 * which the row reader catches to move on. Not thread-safe.
 */
final class CsvRows implements AutoCloseable {
    /**
     * The largest price a data row may carry, in currency units. The fixed point holds money up to about
     * 9.2e10, so a price near that parses but the notional of two units of it already overflows: a price
     * above a billion is refused as a bad row rather than left to crash the figures computed from it.
     */
    static final long MAX_PRICE_UNITS = 1_000_000_000L;
    private static final long MAX_PRICE_RAW = FixedPoint.ofUnits(MAX_PRICE_UNITS);

    /** Unwinds a skipped row back to the read loop; carries nothing, so one instance serves. */
    static final class SkipRow extends RuntimeException {
        static final SkipRow INSTANCE = new SkipRow();

        private SkipRow() {
            super(null, null, false, false);
        }
    }

    private final Path file;
    private final BadRowPolicy policy;
    private final SkippedRows skipped = new SkippedRows();
    private final CsvLineReader reader;
    private final TimestampParser timestamps;
    private final SymbolTable symbols = new SymbolTable();
    private final SymbolTable.Entry fixedSymbol;
    private final String[] valueNames;
    private final int[] valueColumns;
    private final int timestampColumn;
    private final int symbolColumn;
    private final int columnCount;
    private MarketDataException failure;
    private long fileLastTimestamp;
    private boolean anyAccepted;
    private boolean closed;

    /**
     * Opens {@code file} and reads its header, which must name {@code timestamp}, every one of
     * {@code valueNames} and optionally {@code symbol}, in any order and any letter case.
     */
    CsvRows(Path file, CsvOptions options, String... valueNames) {
        this.file = file;
        this.policy = options.policy();
        this.timestamps = new TimestampParser(options.zone());
        this.valueNames = valueNames;
        this.reader = open(file);
        try {
            reader.skipByteOrderMark();
            if (!reader.next()) throw new MarketDataException(file, 0, "empty file, expected a header row " + expectedHeader());
            long headerLine = reader.lineNumber();
            columnCount = reader.fieldCount();
            int time = -1;
            int sym = -1;
            int[] values = new int[valueNames.length];
            Arrays.fill(values, -1);
            for (int f = 0; f < columnCount; f++) {
                String name = reader.text(f).toLowerCase(Locale.ROOT);
                int found;
                if (name.equals("timestamp")) {
                    found = time;
                    time = f;
                } else if (name.equals("symbol")) {
                    found = sym;
                    sym = f;
                } else {
                    int k = Arrays.asList(valueNames).indexOf(name);
                    if (k < 0) throw new MarketDataException(file, headerLine, headerProblem(f, name));
                    found = values[k];
                    values[k] = f;
                }
                if (found >= 0) throw new MarketDataException(file, headerLine, "column '" + name + "' appears twice in the header");
            }
            if (time < 0) throw new MarketDataException(file, headerLine, "header lacks column 'timestamp'; expected " + expectedHeader());
            for (int k = 0; k < values.length; k++) {
                if (values[k] < 0) throw new MarketDataException(file, headerLine, "header lacks column '" + valueNames[k] + "'; expected " + expectedHeader());
            }
            this.timestampColumn = time;
            this.symbolColumn = sym;
            this.valueColumns = values;
            this.fixedSymbol = sym >= 0 ? null : new SymbolTable.Entry(null, SymbolTable.intern(fileSymbol(file, options.symbol())));
        } catch (IOException e) {
            closeQuietly();
            throw new MarketDataException(file, reader.lineNumber(), "read failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private static CsvLineReader open(Path file) {
        if (!Files.exists(file)) throw new MarketDataException(file, 0, "file not found");
        try {
            // FileInputStream rather than a channel-backed stream: an interrupt must not close the file.
            return new CsvLineReader(new FileInputStream(file.toFile()));
        } catch (FileNotFoundException e) {
            throw new MarketDataException(file, 0, "cannot open: " + e.getMessage(), e);
        }
    }

    private String headerProblem(int field, String name) {
        if (field == 0 && !name.isEmpty() && Character.isDigit(name.charAt(0))) {
            return "missing header row: the first line looks like data; expected " + expectedHeader();
        }
        return "unknown column '" + name + "' in header; expected " + expectedHeader();
    }

    private String expectedHeader() {
        return "timestamp,[symbol,]" + String.join(",", valueNames);
    }

    private static Symbol fileSymbol(Path file, Symbol given) {
        if (given != null) return given;
        Path name = file.getFileName();
        String stem = name == null ? "" : name.toString();
        int dot = stem.lastIndexOf('.');
        if (dot > 0) stem = stem.substring(0, dot);
        try {
            return Symbol.of(stem);
        } catch (IllegalArgumentException e) {
            throw new MarketDataException(file, 0, "no symbol column and no symbol given, and the file name does not give one: " + e.getMessage());
        }
    }

    /** Moves to the next non-blank data row; false at the end, or once closed. */
    boolean advance() {
        if (failure != null) throw failure;
        if (closed) return false;
        try {
            return reader.next();
        } catch (IOException e) {
            failure = new MarketDataException(file, reader.lineNumber() + 1, "read failed: " + e.getMessage(), e);
            throw failure;
        }
    }

    /** Rejects the row unless it has as many fields as the header. */
    void requireColumnCount() {
        if (reader.fieldCount() != columnCount) {
            throw reject(BadRowReason.COLUMN_COUNT, "expected " + columnCount + " columns as in the header, found " + reader.fieldCount());
        }
    }

    long timestamp() {
        int f = timestampColumn;
        try {
            return timestamps.parse(reader.bytes(), reader.start(f), reader.end(f));
        } catch (IllegalArgumentException e) {
            throw reject(BadRowReason.UNPARSEABLE_TIMESTAMP, "timestamp '" + reader.text(f) + "' is not a timestamp: " + e.getMessage());
        }
    }

    SymbolTable.Entry symbol() {
        if (fixedSymbol != null) return fixedSymbol;
        int f = symbolColumn;
        try {
            return symbols.lookup(reader.bytes(), reader.start(f), reader.end(f));
        } catch (IllegalArgumentException e) {
            throw reject(BadRowReason.BAD_SYMBOL, "symbol '" + reader.text(f) + "' is not valid: " + e.getMessage());
        }
    }

    /**
     * Reads rows with {@code reader} until one is usable: returns it, or {@code null} at the end of
     * the file. Rows the policy skips are already counted in {@link #skippedRows()}.
     */
    <T> T nextUsable(Supplier<T> reader) {
        while (advance()) {
            try {
                return reader.get();
            } catch (SkipRow recordedAlready) {
                // counted; go on with the next row
            }
        }
        return null;
    }

    /** The {@code k}-th value column as raw fixed-point, parsed exactly. */
    long decimal(int k) {
        int f = valueColumns[k];
        try {
            return FixedPoint.parse(reader.chars(), reader.start(f), reader.end(f));
        } catch (NumberFormatException e) {
            String text = reader.text(f);
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("nan") || lower.contains("inf")) {
                throw reject(BadRowReason.NOT_A_NUMBER, valueNames[k] + " " + text + " is not a finite number");
            }
            if (String.valueOf(e.getMessage()).startsWith("too large")) {
                throw reject(BadRowReason.OUT_OF_RANGE, valueNames[k] + " " + text + " is too large for the fixed point (at most "
                        + FixedPoint.format(Long.MAX_VALUE) + ")");
            }
            throw reject(BadRowReason.UNPARSEABLE_NUMBER, valueNames[k] + " '" + text + "' is not a decimal number: " + e.getMessage());
        }
    }

    /** The {@code k}-th value column as a raw price: positive and at most {@link #MAX_PRICE_UNITS}. */
    long price(int k) {
        long raw = decimal(k);
        if (raw <= 0) throw reject(BadRowReason.NON_POSITIVE_PRICE, valueNames[k] + " " + format(raw) + " is not positive");
        if (raw > MAX_PRICE_RAW) {
            throw reject(BadRowReason.OUT_OF_RANGE, valueNames[k] + " " + format(raw) + " is above the largest price accepted, "
                    + MAX_PRICE_UNITS + " (its notionals would overflow the fixed point)");
        }
        return raw;
    }

    /**
     * Rejects the row if {@code timestamp} is before the previous accepted row of the same symbol, or,
     * when {@code equalIsDuplicate}, equal to it.
     */
    void checkOrder(SymbolTable.Entry symbol, long timestamp, boolean equalIsDuplicate) {
        if (symbol.seen) {
            if (timestamp < symbol.lastTimestamp) {
                throw reject(BadRowReason.TIMESTAMP_BACKWARDS, "timestamp " + reader.text(timestampColumn) + " goes backwards: the previous "
                        + symbol.symbol + " row was at " + instant(symbol.lastTimestamp));
            }
            if (timestamp == symbol.lastTimestamp && equalIsDuplicate) {
                throw reject(BadRowReason.DUPLICATE_TIMESTAMP, "duplicate " + symbol.symbol + " row at timestamp " + reader.text(timestampColumn));
            }
        }
        // The engine replays events in time order, so a file must be in time order across symbols too:
        // a file written in per-symbol blocks would otherwise send time backwards.
        if (anyAccepted && timestamp < fileLastTimestamp) {
            throw reject(BadRowReason.TIMESTAMP_BACKWARDS, "timestamp " + reader.text(timestampColumn)
                    + " goes backwards: the previous row was at " + instant(fileLastTimestamp)
                    + "; rows must be in time order across symbols (sort the file, or write one file per symbol)");
        }
    }

    /** Records that the current row of {@code symbol} was used, for later order checks. */
    void accepted(SymbolTable.Entry symbol, long timestamp) {
        symbol.lastTimestamp = timestamp;
        symbol.seen = true;
        fileLastTimestamp = timestamp;
        anyAccepted = true;
    }

    /**
     * Applies the policy to the current row: throws the {@link MarketDataException} under FAIL, or
     * records the row and throws {@link SkipRow} under SKIP. Declared to return so callers can write
     * {@code throw rows.reject(...)} and the compiler sees the row ends there.
     */
    RuntimeException reject(String category, String detail) {
        if (policy == BadRowPolicy.FAIL) {
            failure = new MarketDataException(file, reader.lineNumber(), detail);
            throw failure;
        }
        skipped.add(file, reader.lineNumber(), category);
        throw SkipRow.INSTANCE;
    }

    /** Formats a raw value for a message. */
    static String format(long raw) {
        return FixedPoint.format(raw);
    }

    SkippedRows skippedRows() {
        return skipped;
    }

    private static String instant(long nanos) {
        return EpochNanos.toInstant(nanos).toString();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            reader.close();
        } catch (IOException e) {
            throw new MarketDataException(file, 0, "close failed: " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Already failing with a better message.
        }
    }
}
