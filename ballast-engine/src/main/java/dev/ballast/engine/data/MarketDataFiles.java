package dev.ballast.engine.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens market data files by kind, so callers need not know the reader classes. Whether a file has a
 * symbol column or is a one-symbol file is detected from its header by the reader. Stateless and
 * thread-safe; the sources it returns are not.
 */
public final class MarketDataFiles {
    private MarketDataFiles() {}

    /**
     * Opens one file.
     *
     * @throws MarketDataException when the file is missing, empty, or its header is wrong
     */
    public static MarketDataSource open(Path file, MarketDataKind kind, CsvOptions options) {
        return switch (kind) {
            case BARS -> new CsvBarSource(file, options);
            case TRADES -> new CsvTradeSource(file, options);
        };
    }

    /** Opens one file with {@link CsvOptions#defaults()}. */
    public static MarketDataSource open(Path file, MarketDataKind kind) {
        return open(file, kind, CsvOptions.defaults());
    }

    /**
     * Opens every file and merges them by time; list order breaks timestamp ties. A symbol in
     * {@code options} would apply to every one-symbol file, so leave it null to name each from its
     * file. If any file fails to open, those already opened are closed.
     */
    public static MarketDataSource openAll(List<Path> files, MarketDataKind kind, CsvOptions options) {
        List<MarketDataSource> sources = new ArrayList<>(files.size());
        try {
            for (Path file : files) sources.add(open(file, kind, options));
        } catch (RuntimeException e) {
            for (MarketDataSource source : sources) {
                try {
                    source.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new MergedMarketDataSource(sources);
    }
}
