package dev.ballast.engine.data;

import dev.ballast.model.EpochNanos;

import dev.ballast.model.FixedPoint;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Bar;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes bars as CSV that {@link CsvBarSource} reads back to equal bars: timestamps as ISO-8601 UTC
 * instants with {@code Z}, prices and volume as exact plain decimals. Either one multi-symbol file
 * ({@code timestamp,symbol,open,high,low,close,volume}) or one-symbol files without the symbol column,
 * named {@code SYMBOL.csv}. Mostly for generating test and benchmark data. Not thread-safe.
 */
public final class CsvBarWriter implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final Writer out;
    private final Symbol onlySymbol;
    private final StringBuilder row = new StringBuilder(128);

    private CsvBarWriter(Path file, Symbol onlySymbol) {
        this.onlySymbol = onlySymbol;
        try {
            this.out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(file.toFile()), StandardCharsets.UTF_8), BUFFER);
            out.write(onlySymbol == null ? "timestamp,symbol,open,high,low,close,volume\n" : "timestamp,open,high,low,close,volume\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A writer of one file holding any symbols, with a symbol column. */
    public static CsvBarWriter multiSymbol(Path file) {
        return new CsvBarWriter(file, null);
    }

    /** A writer of one file holding only {@code symbol}, without a symbol column. */
    public static CsvBarWriter singleSymbol(Path file, Symbol symbol) {
        return new CsvBarWriter(file, symbol);
    }

    /** Writes all {@code bars} to one multi-symbol file. */
    public static void writeMultiSymbol(Path file, Iterable<? extends Bar> bars) {
        try (CsvBarWriter writer = multiSymbol(file)) {
            for (Bar bar : bars) writer.write(bar);
        }
    }

    /**
     * Writes {@code bars} to one file per symbol, {@code directory/SYMBOL.csv}, each without a symbol
     * column. Returns the files in order of first appearance.
     */
    public static Map<Symbol, Path> writePerSymbol(Path directory, Iterable<? extends Bar> bars) {
        Map<Symbol, CsvBarWriter> writers = new LinkedHashMap<>();
        Map<Symbol, Path> files = new LinkedHashMap<>();
        try {
            for (Bar bar : bars) {
                CsvBarWriter writer = writers.get(bar.symbol());
                if (writer == null) {
                    Path file = directory.resolve(bar.symbol().value() + ".csv");
                    writer = singleSymbol(file, bar.symbol());
                    writers.put(bar.symbol(), writer);
                    files.put(bar.symbol(), file);
                }
                writer.write(bar);
            }
        } finally {
            RuntimeException failure = null;
            for (CsvBarWriter writer : writers.values()) {
                try {
                    writer.close();
                } catch (RuntimeException e) {
                    if (failure == null) failure = e;
                }
            }
            if (failure != null) throw failure;
        }
        return files;
    }

    public void write(Bar bar) {
        if (onlySymbol != null && !onlySymbol.equals(bar.symbol())) {
            throw new IllegalArgumentException("this file holds only " + onlySymbol + ", not " + bar.symbol());
        }
        StringBuilder r = row;
        r.setLength(0);
        long t = bar.timestamp();
        DateTimeFormatter.ISO_INSTANT.formatTo(EpochNanos.toInstant(t), r);
        if (onlySymbol == null) r.append(',').append(bar.symbol().value());
        appendDecimal(r.append(','), bar.open().raw());
        appendDecimal(r.append(','), bar.high().raw());
        appendDecimal(r.append(','), bar.low().raw());
        appendDecimal(r.append(','), bar.close().raw());
        appendDecimal(r.append(','), bar.volume().raw());
        r.append('\n');
        try {
            out.append(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact plain decimal of a raw fixed-point value, trailing zeros dropped; avoids BigDecimal per field. */
    static void appendDecimal(StringBuilder r, long raw) {
        if (raw == Long.MIN_VALUE) {
            r.append(FixedPoint.format(raw));
            return;
        }
        if (raw < 0) {
            r.append('-');
            raw = -raw;
        }
        r.append(raw / FixedPoint.SCALE);
        long fraction = raw % FixedPoint.SCALE;
        if (fraction == 0) return;
        r.append('.');
        int digits = FixedPoint.DECIMALS;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        String text = Long.toString(fraction);
        for (int pad = text.length(); pad < digits; pad++) r.append('0');
        r.append(text);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
